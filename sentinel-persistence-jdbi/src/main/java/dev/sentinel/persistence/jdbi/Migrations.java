package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.StorageException;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Brings a database's schema up to date with the Flyway migrations in {@code db/migration}. */
final class Migrations {

    /**
     * The newest migration's version. When the database's history ends there, successfully, opening skips Flyway
     * altogether (loading and scanning it is most of an admin command's start-up); {@code MigrationsTest} keeps this in
     * step with the migrations on the classpath.
     */
    static final int LATEST_VERSION = 10;

    private Migrations() {
    }

    /**
     * Whether the newest applied migration is {@link #LATEST_VERSION} and succeeded; false when unsure. Flyway quotes
     * its lower-case names, which H2 and PostgreSQL both read as written.
     */
    static boolean isCurrent(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" "
                     + "WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            return last.next() && last.getBoolean(2) && String.valueOf(LATEST_VERSION).equals(last.getString(1));
        } catch (SQLException unsure) {
            return false; // no history yet, or unreadable: let Flyway decide
        }
    }

    /**
     * Runs the pending migrations through {@code flyway}'s data source. A schema that does not exist is never created
     * here: the operator names an existing one.
     */
    static void migrate(FluentConfiguration flyway, DatabaseConfig config) {
        try {
            flyway.locations("classpath:db/migration")
                    .javaMigrations(new V4__Move_activity_events_into_blocks(), new V6__Move_revoked_tokens_out_of_settings())
                    .createSchemas(false)
                    .load()
                    .migrate();
        } catch (FlywayException failure) {
            throw new StorageException("cannot migrate the schema of the " + config.describe() + ": "
                    + Redaction.rootMessage(failure), failure);
        }
    }
}

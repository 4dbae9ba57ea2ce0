package dev.sentinel.persistence.jdbi.migration;

import dev.sentinel.core.domain.StorageException;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database's schema up to date with the Flyway migrations: the SQL ones in {@code db/migration} on the
 * classpath, and the Java ones of this package, handed to Flyway as instances (it scans no package for them). Flyway
 * knows a Java migration by the version and description in its simple class name and by its checksum (none); the class
 * name it records in {@code flyway_schema_history.script} is not validated, so histories written while these classes
 * lived in {@code dev.sentinel.persistence.jdbi} still validate.
 */
public final class Migrations {

    /**
     * The newest migration's version. When the database's history ends there, successfully, opening skips Flyway
     * altogether (loading and scanning it is most of an admin command's start-up); {@code AppliedMigrationsTest}
     * keeps this in step with the migrations on the classpath.
     */
    static final int LATEST_VERSION = 21;
    /** Flyway's table of applied migrations, as Flyway names it (lower case, quoted). */
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private Migrations() {
    }

    /**
     * Whether the newest applied migration is {@link #LATEST_VERSION} and succeeded; false when unsure. Flyway quotes
     * its lower-case names, which H2 and PostgreSQL both read as written. A database without the history table (a new
     * store) is asked through its metadata, not with a failing query: H2 would write that failure, a "table not
     * found", into a {@code sentinel.trace.db} beside the new store.
     */
    public static boolean isCurrent(Connection connection) {
        if (!hasHistory(connection)) {
            return false;
        }
        try (Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" "
                     + "WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            return last.next() && last.getBoolean(2) && String.valueOf(LATEST_VERSION).equals(last.getString(1));
        } catch (SQLException unsure) {
            return false; // no history yet, or unreadable: let Flyway decide
        }
    }

    /**
     * Whether the connection's current schema has Flyway's history table, so some migration ran on it: false for a
     * new store. Asks the metadata of that schema only (another schema of a PostgreSQL database may hold a store).
     */
    public static boolean hasHistory(Connection connection) {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), HISTORY_TABLE,
                new String[] {"TABLE"})) {
            return tables.next();
        } catch (SQLException unsure) {
            return true; // let the query decide
        }
    }

    /**
     * Runs the pending migrations through {@code flyway}'s data source. A schema that does not exist is never created
     * here: the operator names an existing one.
     *
     * @param database where the data lives, for the message of a failure
     */
    public static void migrate(FluentConfiguration flyway, String database) {
        try {
            configure(flyway).load().migrate();
        } catch (FlywayException failure) {
            throw new StorageException("cannot migrate the schema of the " + database + ": "
                    + Redaction.rootMessage(failure), failure);
        }
    }

    /** {@code flyway} with Sentinel's migrations, SQL and Java, and without creating schemas. */
    static FluentConfiguration configure(FluentConfiguration flyway) {
        return flyway.locations("classpath:db/migration")
                .javaMigrations(new V4__Move_activity_events_into_blocks(), new V6__Move_revoked_tokens_out_of_settings())
                .createSchemas(false);
    }
}

package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.StorageException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Brings a database's schema up to date with the Flyway migrations in {@code db/migration}. */
final class Migrations {

    private Migrations() {
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

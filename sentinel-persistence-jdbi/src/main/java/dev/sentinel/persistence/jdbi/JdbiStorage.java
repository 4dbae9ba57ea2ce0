package dev.sentinel.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.Storage;
import dev.sentinel.core.port.StorageSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * {@link Storage} on an H2 file database or PostgreSQL, through JDBI and a HikariCP pool. Opening migrates the
 * schema to the current version (Flyway, {@code db/migration}). Every transaction runs at READ COMMITTED, and
 * {@code findForUpdate} takes row locks, so concurrent changes to one pass serialise across threads and nodes.
 * Thread-safe; close it to release the pool and, for H2, the database file.
 */
public final class JdbiStorage implements Storage, AutoCloseable {

    private static final int VALIDATION_SECONDS = 2;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private JdbiStorage(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @throws StorageException with a one-line message when the database cannot be reached, refuses the credentials,
     *                          the data directory cannot be written, or a migration fails
     */
    public static JdbiStorage open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        HikariDataSource dataSource = DataSources.open(config);
        try {
            migrate(dataSource);
        } catch (FlywayException failure) {
            dataSource.close();
            throw new StorageException("cannot migrate the schema of the " + config.describe() + ": "
                    + Redaction.rootMessage(failure), failure);
        }
        return new JdbiStorage(config, dataSource);
    }

    private static void migrate(HikariDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V4__Move_activity_events_into_blocks())
                .load()
                .migrate();
    }

    @Override
    public <T> T inTransaction(Function<StorageSession, T> work) {
        Objects.requireNonNull(work, "work");
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    handle -> work.apply(JdbiSession.of(handle, config.dialect())));
        } catch (SentinelException failure) {
            throw failure;
        } catch (JdbiException failure) {
            throw new StorageException("storage failed (" + config.describe() + "): " + Redaction.rootMessage(failure), failure);
        }
    }

    /** Runs read-only work on one connection in auto-commit mode, without an explicit transaction. */
    @Override
    public <T> T read(Function<StorageSession, T> work) {
        Objects.requireNonNull(work, "work");
        try {
            return jdbi.withHandle(handle -> work.apply(JdbiSession.of(handle, config.dialect())));
        } catch (SentinelException failure) {
            throw failure;
        } catch (JdbiException failure) {
            throw new StorageException("storage failed (" + config.describe() + "): " + Redaction.rootMessage(failure), failure);
        }
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException | RuntimeException unreachable) {
            return false;
        }
    }

    /** The configuration this store was opened with. */
    public DatabaseConfig config() {
        return config;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "JdbiStorage[" + config.describe() + "]";
    }
}

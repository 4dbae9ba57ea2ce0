package dev.sentinel.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
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
    private static final int ATTEMPTS = 4;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Optional<Connection> owner;
    private final Jdbi jdbi;

    private JdbiStorage(DatabaseConfig config, HikariDataSource dataSource, Optional<Connection> owner) {
        this.config = config;
        this.dataSource = dataSource;
        this.owner = owner;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens the database, creating it when missing, and brings its schema up to date.
     *
     * @throws StorageException with a one-line message when the database cannot be reached, refuses the credentials,
     *                          the data directory cannot be used, or a migration fails
     */
    public static JdbiStorage open(DatabaseConfig config) {
        return open(config, true);
    }

    /**
     * Opens a database that already holds a Sentinel store and brings its schema up to date; creates nothing.
     *
     * @throws StorageException as {@link #open}, and when there is no store (no H2 file in the data directory, no
     *                          Sentinel tables in the PostgreSQL schema)
     */
    public static JdbiStorage openExisting(DatabaseConfig config) {
        return open(config, false);
    }

    private static JdbiStorage open(DatabaseConfig config, boolean create) {
        Objects.requireNonNull(config, "config");
        if (config.dataDir().isPresent()) {
            EmbeddedH2.Opened opened = EmbeddedH2.open(config, config.dataDir().get(), create);
            return new JdbiStorage(config, opened.pool(), Optional.of(opened.owner()));
        }
        HikariDataSource dataSource = DataSources.open(config, create);
        try {
            Migrations.migrate(Flyway.configure().dataSource(dataSource), config);
        } catch (StorageException failure) {
            dataSource.close();
            throw failure;
        }
        return new JdbiStorage(config, dataSource, Optional.empty());
    }

    /**
     * Runs the work in one READ COMMITTED transaction. A transaction the database aborted as a deadlock victim or for a
     * serialization failure (SQLState 40001, or 40P01 on PostgreSQL) is run again, up to {@value #ATTEMPTS} times in
     * all after a short random pause: the work is the whole use case, so running it again is safe.
     */
    @Override
    public <T> T inTransaction(Function<StorageSession, T> work) {
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                        handle -> work.apply(JdbiSession.of(handle, config.dialect())));
            } catch (SentinelException failure) {
                throw failure;
            } catch (JdbiException failure) {
                if (attempt < ATTEMPTS && Sql.isRetryable(failure)) {
                    pauseBeforeRetry(attempt);
                    continue;
                }
                throw new StorageException("storage failed (" + config.describe() + "): " + Redaction.rootMessage(failure),
                        failure);
            }
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
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

    /**
     * Writes an online backup of the embedded H2 database to {@code target} (a new file, {@code 0600}): a consistent
     * copy of the database, taken while it serves, and its passwords; never the key-encryption key. Returns its size.
     *
     * @throws StorageException for PostgreSQL (use {@code pg_dump}), or when the backup cannot be written
     */
    public long backup(java.nio.file.Path target) {
        Objects.requireNonNull(target, "target");
        return H2Backup.write(config, config.dataDir().orElseThrow(() -> new StorageException(
                "sentinel backup copies the embedded H2 database only; back up PostgreSQL with its own tools, e.g. "
                        + "pg_dump -Fc -f sentinel.dump DBNAME (see the operations guide)")), target);
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
        owner.ifPresent(connection -> {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing for good; H2 has already written every commit
            }
        });
        // H2 may have created a file since the open (its trace file, on an error): owner-only too, like the rest
        config.dataDir().filter(dir -> Files.isDirectory(dir)).ifPresent(DataDirectory::restrictFiles);
    }

    @Override
    public String toString() {
        return "JdbiStorage[" + config.describe() + "]";
    }
}

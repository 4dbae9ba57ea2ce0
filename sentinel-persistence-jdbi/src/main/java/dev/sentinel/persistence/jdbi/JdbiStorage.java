package dev.sentinel.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.adapter.JdbiSession;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import dev.sentinel.persistence.jdbi.adapter.Sql;
import dev.sentinel.persistence.jdbi.h2.DataDirectory;
import dev.sentinel.persistence.jdbi.h2.EmbeddedH2;
import dev.sentinel.persistence.jdbi.migration.Migrations;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
    /** The setting a readiness probe writes after a failed write, to see whether writes work again. */
    private static final String READINESS_PROBE = "readiness_probe";

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    /** The owner's connection that holds an embedded database open with the owner's settings; replaced on recovery. */
    private final AtomicReference<Optional<Connection>> owner;
    private final Jdbi jdbi;
    private final StoreHealth health = new StoreHealth();
    private volatile long lastRecoveryNanos;
    private volatile boolean closed;
    private final boolean created;

    private JdbiStorage(DatabaseConfig config, HikariDataSource dataSource, Optional<Connection> owner,
                        boolean created) {
        this.config = config;
        this.created = created;
        this.dataSource = dataSource;
        this.owner = new AtomicReference<>(owner);
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
            EmbeddedH2.Opened opened = EmbeddedH2.open(config.jdbcUrl(), config.dataDir().get(), config.describe(), create,
                    (url, user, password) -> DataSources.pool(config, url, user, password));
            return new JdbiStorage(config, opened.pool(), Optional.of(opened.owner()), opened.created());
        }
        HikariDataSource dataSource = DataSources.open(config, create);
        boolean created;
        try {
            created = !hasHistory(dataSource);
            if (created || !isCurrent(dataSource)) {
                Migrations.migrate(Flyway.configure().dataSource(dataSource), config.describe());
            }
        } catch (StorageException failure) {
            dataSource.close();
            throw failure;
        }
        return new JdbiStorage(config, dataSource, Optional.empty(), created);
    }

    private static boolean isCurrent(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Migrations.isCurrent(connection);
        } catch (SQLException unsure) {
            return false;
        }
    }

    private static boolean hasHistory(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Migrations.hasHistory(connection);
        } catch (SQLException unsure) {
            return true; // not known to be new; the migration decides
        }
    }

    /**
     * Whether this open created the store: the data directory held no H2 database, or the PostgreSQL schema had no
     * Sentinel tables yet. Always false for {@link #openExisting}.
     */
    public boolean created() {
        return created;
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
                T result = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                        handle -> work.apply(JdbiSession.of(handle, config.dialect())));
                health.wrote(true);
                return result;
            } catch (SentinelException failure) {
                throw failure;
            } catch (JdbiException failure) {
                if (attempt < ATTEMPTS && Sql.isRetryable(failure)) {
                    pauseBeforeRetry(attempt);
                    continue;
                }
                health.wrote(false);
                recoverIfClosed(failure);
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
            recoverIfClosed(failure);
            throw new StorageException("storage failed (" + config.describe() + "): " + Redaction.rootMessage(failure), failure);
        }
    }

    /**
     * Whether the store serves reads and writes now, answered within {@link StoreHealth#DEADLINE}: a probe
     * connection must be valid, and after a failed write (a full disk, which a read cannot see) a probe write must
     * succeed. So readiness turns false within a second of the store closing, filling or going away, and true again
     * within seconds of the cause going away.
     */
    @Override
    public boolean isReachable() {
        if (closed) {
            return false;
        }
        return health.ready(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(VALIDATION_SECONDS)) {
                    recoverIfClosed(null);
                    return false;
                }
            }
            if (health.lastWriteFailed()) {
                inTransaction(session -> {
                    session.settings().put(READINESS_PROBE, java.time.Instant.now().toString());
                    return null;
                });
            }
            return true;
        });
    }

    /**
     * After H2 closed its database (it does so when a write fails, e.g. on a full disk), every pooled connection is
     * dead but still looks fine to the pool; they are evicted, and the owner's connection is opened again, so the next
     * request reopens the database instead of failing until the connections expire. At most once a second.
     */
    private void recoverIfClosed(Throwable failure) {
        if (failure != null && !Sql.isDatabaseClosed(failure)) {
            return;
        }
        long now = System.nanoTime();
        if (closed || now - lastRecoveryNanos < 1_000_000_000L) {
            return;
        }
        lastRecoveryNanos = now;
        dataSource.getHikariPoolMXBean().softEvictConnections();
        config.dataDir().ifPresent(dataDir -> {
            try {
                Optional<Connection> fresh = Optional.of(EmbeddedH2.ownerConnectionToExisting(config.jdbcUrl(), dataDir));
                owner.getAndSet(fresh).ifPresent(JdbiStorage::closeQuietly);
            } catch (RuntimeException | SQLException stillDown) {
                // the next failure or readiness probe tries again
            }
        });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it belonged to a database that is gone
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
        return EmbeddedH2.backup(config.jdbcUrl(), config.dataDir().orElseThrow(() -> new StorageException(
                "sentinel backup copies the embedded H2 database only; back up PostgreSQL with its own tools, e.g. "
                        + "pg_dump -Fc -f sentinel.dump DBNAME (see the operations guide)")), config.describe(), target);
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
        closed = true;
        health.close();
        dataSource.close();
        owner.get().ifPresent(JdbiStorage::closeQuietly);
        // H2 may have created a file since the open (its trace file, on an error): owner-only too, like the rest
        config.dataDir().filter(dir -> Files.isDirectory(dir)).ifPresent(DataDirectory::restrictFiles);
    }

    @Override
    public String toString() {
        return "JdbiStorage[" + config.describe() + "]";
    }
}

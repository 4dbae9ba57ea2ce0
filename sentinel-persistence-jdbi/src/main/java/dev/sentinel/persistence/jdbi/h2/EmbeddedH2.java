package dev.sentinel.persistence.jdbi.h2;

import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import dev.sentinel.persistence.jdbi.migration.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the H2 database of a data directory the way only its OS user can: the directory {@code 0700}, the database
 * protected by per-install passwords ({@link H2Credentials}), the schema migrated by the owner, and the pool connected
 * as a runtime user that may read and write rows but not files (no {@code FILE_READ}, {@code CSVREAD},
 * {@code RUNSCRIPT}, {@code LINK}…: H2 reserves those for admins). A database made before per-install passwords
 * ({@code sa} with an empty password) is given them on its first open, and keeps its data.
 */
public final class EmbeddedH2 {

    /** The database's admin, who opens it and migrates its schema. */
    public static final String OWNER = "SA";
    static final String RUNTIME_USER = "SENTINEL_RUNTIME";
    /** The database's file name inside the data directory (H2 adds {@code .mv.db}). */
    static final String FILE_NAME = "sentinel";
    /**
     * AUTO_SERVER lets the CLI and a running server share the file (its listener is bound to loopback by the
     * {@code sentinel} command, and needs the per-install password); LOCK_TIMEOUT lets row locks wait for concurrent
     * rotations instead of failing after H2's default second.
     */
    private static final String RUNTIME_OPTIONS = ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    /**
     * The owner, who opens the database, also sets WRITE_DELAY=0, which only an admin may: every commit reaches the
     * file before it returns, so a killed process loses nothing it acknowledged. (H2 refuses DB_CLOSE_ON_EXIT=FALSE
     * together with AUTO_SERVER, so its shutdown hook stays; {@code sentinel serve} stops on SIGTERM before any
     * shutdown hook runs.)
     */
    private static final String OWNER_OPTIONS = RUNTIME_OPTIONS + ";WRITE_DELAY=0";
    private static final String LEGACY_PASSWORD = "";
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);

    private EmbeddedH2() {
    }

    /** The owner's JDBC URL of the database in {@code dataDir}, an absolute path. */
    public static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve(FILE_NAME) + OWNER_OPTIONS;
    }

    /** Opens the caller's connection pool on a URL as a user. */
    @FunctionalInterface
    public interface Pools {
        HikariDataSource open(String url, String user, String password);
    }

    /**
     * The runtime pool of the migrated database in {@code dataDir}, and the owner's connection, which the caller keeps
     * open until it closes the pool: H2 applies WRITE_DELAY=0 (only an admin may set it) when the owner opens the
     * database, and would fall back to its 500 ms default if the database were reopened by the runtime user alone.
     * Creates the database only when {@code create}.
     *
     * @param url      the owner's URL, {@link #url}
     * @param database where the data lives, for messages
     */
    public static Opened open(String url, Path dataDir, String database, boolean create, Pools pools) {
        if (!create && !exists(dataDir)) {
            throw new StorageException("no Sentinel store in " + dataDir + " (it holds no "
                    + FILE_NAME + ".mv.db); 'sentinel serve' or 'sentinel pass create' makes one");
        }
        boolean created = create && !exists(dataDir);
        DataDirectory.prepare(dataDir);
        String ownerUrl = url + (create ? "" : ";IFEXISTS=TRUE");
        Connection owner = null;
        try {
            owner = ownerConnection(ownerUrl, dataDir);
            H2Credentials credentials = H2Credentials.load(dataDir).orElseThrow();
            if (!Migrations.isCurrent(owner)) {
                Migrations.migrate(Flyway.configure().dataSource(ownerUrl, OWNER, credentials.ownerPassword()), database);
            }
            grantRuntimeUser(owner, runtimeUrl(url), credentials);
            DataDirectory.restrictFiles(dataDir);
            return new Opened(pools.open(runtimeUrl(url), RUNTIME_USER, credentials.runtimePassword()), owner, created);
        } catch (SQLException failure) {
            closeQuietly(owner);
            throw new StorageException("cannot open the " + database + ": " + Redaction.rootMessage(failure), failure);
        } catch (RuntimeException failure) {
            closeQuietly(owner);
            throw failure;
        }
    }

    /**
     * The runtime pool, the owner's connection that holds the database open with the owner's settings, and whether
     * this open created the database (the data directory held none).
     */
    public record Opened(HikariDataSource pool, Connection owner, boolean created) {
    }

    /** The URL the runtime pool uses: without the owner's settings. */
    private static String runtimeUrl(String ownerUrl) {
        return ownerUrl.replace(OWNER_OPTIONS, RUNTIME_OPTIONS);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the open already failed; that failure is the one to report
        }
    }

    /** A new owner connection to the existing database: to reopen it after H2 closed it, or to back it up. */
    public static Connection ownerConnectionToExisting(String url, Path dataDir) throws SQLException {
        H2Credentials credentials = H2Credentials.load(dataDir).orElseThrow(() -> new StorageException(
                dataDir.resolve(H2Credentials.FILE_NAME) + " is missing"));
        return DriverManager.getConnection(url + ";IFEXISTS=TRUE", OWNER, credentials.ownerPassword());
    }

    /** Writes an online backup of the database to {@code target}, a new file; returns its size. See {@link H2Backup}. */
    public static long backup(String url, Path dataDir, String database, Path target) {
        return H2Backup.write(url, dataDir, database, target);
    }

    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME + ".mv.db"));
    }

    /**
     * A connection as the owner. Tries the stored password, then the legacy empty one (securing the database with new
     * passwords if that works), then the stored one again, for a second process that secured it in between.
     */
    private static Connection ownerConnection(String url, Path dataDir) throws SQLException {
        Optional<H2Credentials> stored = H2Credentials.load(dataDir);
        if (stored.isEmpty() && !exists(dataDir)) {
            return DriverManager.getConnection(url, OWNER, H2Credentials.create(dataDir).ownerPassword());
        }
        if (stored.isPresent()) {
            Optional<Connection> owner = connect(url, stored.get().ownerPassword());
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        Optional<Connection> legacy = connect(url, LEGACY_PASSWORD);
        if (legacy.isPresent()) {
            return secure(legacy.get(), dataDir);
        }
        if (stored.isPresent()) {
            Optional<Connection> owner = connect(url, stored.get().ownerPassword());
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        throw new StorageException("cannot open the H2 database in " + dataDir + ": its owner password is not the one in "
                + dataDir.resolve(H2Credentials.FILE_NAME) + (stored.isEmpty() ? " (the file is missing)" : "")
                + "; restore that file from the backup the database came from");
    }

    private static Optional<Connection> connect(String url, String password) throws SQLException {
        try {
            return Optional.of(DriverManager.getConnection(url, OWNER, password));
        } catch (SQLException failure) {
            if (failure.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** Gives a database that still has the empty default password its per-install passwords. */
    private static Connection secure(Connection legacy, Path dataDir) throws SQLException {
        try (Statement statement = legacy.createStatement()) {
            H2Credentials credentials = H2Credentials.load(dataDir).orElseGet(() -> H2Credentials.create(dataDir));
            statement.execute("ALTER USER " + OWNER + " SET PASSWORD " + quote(credentials.ownerPassword()));
            LOG.warn("The H2 database in {} had the default empty password: it now has per-install passwords, kept in {}",
                    dataDir, dataDir.resolve(H2Credentials.FILE_NAME));
            return legacy;
        } catch (SQLException | RuntimeException failure) {
            legacy.close();
            throw failure;
        }
    }

    /**
     * The runtime user exists, has the stored password and may read and write the rows of every table. Changes
     * nothing when that already holds: when every open re-ran these statements, H2 2.3.232 failed to reopen a file
     * after a handful of open-export-close cycles ("Double mark", the CLI split-export tests), so an open writes
     * only when it must.
     */
    private static void grantRuntimeUser(Connection owner, String url, H2Credentials credentials) throws SQLException {
        if (runtimeUserInPlace(owner, url, credentials)) {
            return;
        }
        String password = quote(credentials.runtimePassword());
        try (Statement statement = owner.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + RUNTIME_USER + " PASSWORD " + password);
            statement.execute("ALTER USER " + RUNTIME_USER + " SET PASSWORD " + password);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + RUNTIME_USER);
        }
    }

    private static boolean runtimeUserInPlace(Connection owner, String url, H2Credentials credentials) throws SQLException {
        try (Statement statement = owner.createStatement();
             ResultSet rights = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.RIGHTS WHERE GRANTEE = '"
                     + RUNTIME_USER + "' AND TABLE_SCHEMA = 'PUBLIC'")) {
            rights.next();
            if (rights.getInt(1) == 0) {
                return false;
            }
        }
        try (Connection runtime = DriverManager.getConnection(url, RUNTIME_USER, credentials.runtimePassword())) {
            return runtime.isValid(1);
        } catch (SQLException failure) {
            if (failure.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                return false;
            }
            throw failure;
        }
    }

    /** Passwords are base64url, so quoting never needs escapes; a stray quote would still be doubled. */
    private static String quote(String password) {
        return "'" + password.replace("'", "''") + "'";
    }
}

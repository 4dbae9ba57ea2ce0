package dev.sentinel.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.persistence.jdbi.adapter.Dialect;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the connection pool, after checking by hand what would otherwise fail deep inside it. */
final class DataSources {

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);

    static final int POOL_SIZE = 10;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private DataSources() {
    }

    /**
     * The pool of a database given by URL (PostgreSQL, or an H2 URL an application chose), after a probe connection
     * has shown that it can be reached, names a schema that exists and, unless {@code create}, already holds a store.
     */
    static HikariDataSource open(DatabaseConfig config, boolean create) {
        probe(config, create);
        return pool(config, config.jdbcUrl(), config.user(), config.password());
    }

    static HikariDataSource pool(DatabaseConfig config, String url, String user, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("sentinel");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        pool.setAutoCommit(true);
        if (config.dialect() == Dialect.POSTGRES) {
            postgresProperties().forEach((name, value) -> pool.addDataSourceProperty((String) name, value));
        }
        try {
            return new HikariDataSource(pool);
        } catch (RuntimeException failure) {
            throw cannotOpen(config, failure);
        }
    }

    /** Driver options: batched inserts rewritten into multi-row inserts, and a bounded connect time. */
    private static Properties postgresProperties() {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "sentinel");
        return properties;
    }

    /** One plain connection first, so a wrong URL or password fails with one line and no pool retry logging. */
    private static void probe(DatabaseConfig config, boolean create) {
        Properties properties = config.dialect() == Dialect.POSTGRES ? postgresProperties() : new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties)) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
            if (config.dialect() == Dialect.POSTGRES) {
                String schema = requireSchema(config, connection);
                warnIfUserReachesFiles(config, connection);
                if (!create && !hasStore(connection, schema)) {
                    throw new StorageException("no Sentinel store in the " + config.describe() + " (schema " + schema
                            + " has no Sentinel tables); 'sentinel serve' or 'sentinel pass create' makes one");
                }
            }
        } catch (SQLException | RuntimeException failure) {
            throw failure instanceof StorageException storage ? storage : cannotOpen(config, failure);
        }
    }

    /** The schema new tables go to; none when no schema on the search path exists, which is an error. */
    private static String requireSchema(DatabaseConfig config, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet schema = statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
            schema.next();
            if (schema.getString(1) == null) {
                throw new StorageException("cannot open the " + config.describe() + ": no schema of its search path ("
                        + schema.getString(2) + ") exists; create it first (CREATE SCHEMA … AUTHORIZATION "
                        + config.user() + ") or fix currentSchema in the URL");
            }
            return schema.getString(1);
        }
    }

    /** PostgreSQL lets superusers and three built-in roles read and write the server's files through SQL. */
    private static void warnIfUserReachesFiles(DatabaseConfig config, Connection connection) throws SQLException {
        String sql = "SELECT rolsuper OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER')"
                + " OR pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')"
                + " OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') FROM pg_roles WHERE rolname = current_user";
        try (Statement statement = connection.createStatement(); ResultSet reaches = statement.executeQuery(sql)) {
            if (reaches.next() && reaches.getBoolean(1)) {
                LOG.warn("Database user {} is a superuser or may read or write the database server's files through SQL; "
                        + "give Sentinel a role that only owns its database (see the operations guide)", config.user());
            }
        }
    }

    private static boolean hasStore(Connection connection, String schema) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, "flyway_schema_history", null)) {
            return tables.next();
        }
    }

    private static StorageException cannotOpen(DatabaseConfig config, Throwable failure) {
        return new StorageException("cannot open the " + config.describe() + ": " + Redaction.rootMessage(failure), failure);
    }
}

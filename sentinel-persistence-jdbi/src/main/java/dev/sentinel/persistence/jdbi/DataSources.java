package dev.sentinel.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sentinel.core.domain.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the connection pool, after checking by hand what would otherwise fail deep inside it. */
final class DataSources {

    static final int POOL_SIZE = 10;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private DataSources() {
    }

    static HikariDataSource open(DatabaseConfig config) {
        config.dataDir().ifPresent(DataSources::requireWritableDirectory);
        probe(config);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("sentinel");
        pool.setJdbcUrl(config.jdbcUrl());
        pool.setUsername(config.user());
        pool.setPassword(config.password());
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
    private static void probe(DatabaseConfig config) {
        Properties properties = config.dialect() == Dialect.POSTGRES ? postgresProperties() : new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties)) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException failure) {
            throw cannotOpen(config, failure);
        }
    }

    static StorageException cannotOpen(DatabaseConfig config, Throwable failure) {
        return new StorageException("cannot open the " + config.describe() + ": " + Redaction.rootMessage(failure), failure);
    }

    private static void requireWritableDirectory(Path dataDir) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new StorageException("cannot use data directory " + dataDir + ": it exists and is not a directory");
        }
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException failure) {
            throw new StorageException("cannot write to data directory " + dataDir + ": " + describe(failure), failure);
        }
    }

    private static String describe(Exception failure) {
        String kind = failure.getClass().getSimpleName();
        return failure.getMessage() == null ? kind : kind + " (" + failure.getMessage() + ")";
    }
}

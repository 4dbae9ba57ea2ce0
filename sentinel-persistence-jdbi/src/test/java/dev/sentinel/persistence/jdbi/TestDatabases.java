package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: H2 files in temporary directories, and PostgreSQL when {@code sentinel.test.postgres.url}
 * (or env {@code SENTINEL_TEST_PG_URL}) names one. Without a URL the PostgreSQL tests are skipped, unless env
 * {@code SENTINEL_TEST_REQUIRE_PG=true}, when they fail. Public, with {@link #jdbi}, for the tests of the module's other
 * packages.
 */
public final class TestDatabases {

    /** Every table, children first, so deleting in this order never breaks a foreign key. */
    static final List<String> TABLES = List.of("alerts", "alert_rules", "trust_policies", "usage_hourly_endpoints", "usage_hourly", "activity_blocks", "activity_counts",
            "audit_entries", "settings", "revoked_tokens", "ingest_receipts", "signing_keys", "passes", "agent_credentials",
            "agent_users", "access_key_projects", "access_keys", "sessions", "memberships", "account_recovery_codes",
            "account_identities", "accounts", "projects");

    private TestDatabases() {
    }

    /** Empties every table, so each test starts from an empty store. */
    public static void clean(JdbiStorage storage) {
        storage.jdbi().useHandle(handle -> {
            TABLES.forEach(table -> handle.execute("DELETE FROM " + table));
            handle.execute("UPDATE audit_chain SET head_seq = 0, head_mac = NULL, legacy_through = 0, checkpoint_seq = NULL, "
                    + "checkpoint_mac = NULL, checkpoint_at = NULL, checkpoint_signature = NULL WHERE id = 1");
            handle.execute("UPDATE alert_lease SET holder = NULL");
        });
    }

    /** The JDBI instance behind {@code storage}, to look at the database directly. */
    public static Jdbi jdbi(JdbiStorage storage) {
        return storage.jdbi();
    }

    /** The database at {@code url}, as {@link DatabaseConfig#fromOptions} makes it when no environment variable is set. */
    public static DatabaseConfig ignoringEnvironment(String url, String user, String password) {
        return DatabaseConfig.fromOptions(null, url, user, password, name -> null);
    }

    /** A PostgreSQL database in a schema of its own; skips (or fails, when required) without a server. */
    public static PostgresSchema postgresSchema() {
        Optional<String> url = postgresUrl();
        if (url.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("SENTINEL_TEST_REQUIRE_PG"))) {
                fail("SENTINEL_TEST_REQUIRE_PG=true but no PostgreSQL URL was given (SENTINEL_TEST_PG_URL)");
            }
            Assumptions.abort("no PostgreSQL URL given (set SENTINEL_TEST_PG_URL to run the PostgreSQL tests)");
        }
        return PostgresSchema.create(url.get(), env("SENTINEL_TEST_PG_USER"), env("SENTINEL_TEST_PG_PASSWORD"));
    }

    private static Optional<String> postgresUrl() {
        String property = System.getProperty("sentinel.test.postgres.url");
        if (property != null && !property.isBlank() && !property.startsWith("${")) {
            return Optional.of(property.strip());
        }
        return Optional.ofNullable(System.getenv("SENTINEL_TEST_PG_URL")).filter(value -> !value.isBlank());
    }

    private static String env(String name) {
        return Optional.ofNullable(System.getenv(name)).orElse("");
    }

    /** A throw-away schema; {@link #config()} points the search path at it. */
    public record PostgresSchema(String url, String user, String password, String schema) implements AutoCloseable {

        static PostgresSchema create(String url, String user, String password) {
            String schema = "sentinel_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            PostgresSchema created = new PostgresSchema(url, user, password, schema);
            created.execute("CREATE SCHEMA " + schema);
            return created;
        }

        public DatabaseConfig config() {
            return DatabaseConfig.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
        }

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        boolean schemaExists(String name) {
            return count("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'") > 0;
        }

        long tableCount() {
            return count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'");
        }

        private long count(String sql) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement();
                 java.sql.ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            } catch (SQLException failure) {
                throw new IllegalStateException("PostgreSQL test query failed: " + failure.getMessage(), failure);
            }
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException failure) {
                throw new IllegalStateException("PostgreSQL test setup failed: " + failure.getMessage(), failure);
            }
        }
    }
}

package dev.sentinel.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away schema on the PostgreSQL server the tests were given ({@code SENTINEL_TEST_PG_URL}, user and password);
 * without one the test is skipped, or fails when {@code SENTINEL_TEST_REQUIRE_PG=true} (as in CI).
 */
final class TestPostgres implements AutoCloseable {

    final String serverUrl;
    final String user;
    final String password;
    final String schema;

    private TestPostgres(String serverUrl, String user, String password, String schema) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    static TestPostgres freshSchema(String purpose) throws Exception {
        String url = System.getenv("SENTINEL_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("SENTINEL_TEST_REQUIRE_PG"))) {
                Assertions.fail("SENTINEL_TEST_REQUIRE_PG=true but SENTINEL_TEST_PG_URL is not set");
            }
            Assumptions.abort("no PostgreSQL URL given (set SENTINEL_TEST_PG_URL to run " + purpose + ")");
        }
        String schema = "sentinel_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        TestPostgres postgres = new TestPostgres(url, System.getenv("SENTINEL_TEST_PG_USER"),
                System.getenv("SENTINEL_TEST_PG_PASSWORD"), schema);
        postgres.execute("CREATE SCHEMA " + schema);
        return postgres;
    }

    /** The JDBC URL of the schema. */
    String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() throws Exception {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of the previous release (schema 10: passes in two projects, the admin token's hash in the settings) opened
 * by a real server of this version (schema {@value Migrations#LATEST_VERSION}) on H2 and PostgreSQL: the passes and
 * projects are there through the management API, the stored admin token still opens it, and the ingest token the
 * release was run with still reports events for every project, each marked as reported by it. (In this package, in
 * this module, to build the old store with the release's migrations and serve it over HTTP.)
 */
class ReleaseStoreThroughServerUpgradeTest {

    private static final String ADMIN_TOKEN = "sat_" + "R".repeat(43);
    private static final String INGEST_TOKEN = "release-ingest-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aReleaseStoreOnH2KeepsItsPassesProjectsAndTokensThroughARealServer() throws Exception {
        String legacyUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sentinel")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000"; // how the release opened its store
        writeReleaseStore(legacyUrl, "sa", "");
        assertServedWithoutLoss(DatabaseConfig.h2(dataDir));
    }

    @Test
    void aReleaseStoreOnPostgresKeepsItsPassesProjectsAndTokensThroughARealServer() throws Exception {
        String url = System.getenv("SENTINEL_TEST_PG_URL");
        Assumptions.assumeTrue("true".equalsIgnoreCase(System.getenv("SENTINEL_TEST_REQUIRE_PG"))
                || (url != null && !url.isBlank()), "no PostgreSQL URL given (set SENTINEL_TEST_PG_URL)");
        String user = System.getenv("SENTINEL_TEST_PG_USER");
        String password = System.getenv("SENTINEL_TEST_PG_PASSWORD");
        String schema = "sentinel_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        try {
            String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            writeReleaseStore(schemaUrl, user, password);
            assertServedWithoutLoss(DatabaseConfig.postgres(schemaUrl, user, password));
        } finally {
            execute(url, user, password, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void writeReleaseStore(String url, String user, String password) throws Exception {
        Flyway release = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("10").load();
        release.migrate();
        try (Connection connection = release.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            insertPass(statement, "SP-2025-OLD001", "spc_AAAAAAAAAAAAAAAAAAAAAAAA", "legacy", "2025-01-01 00:00:00+00");
            insertPass(statement, "SP-2025-OLD002", "spc_BBBBBBBBBBBBBBBBBBBBBBBB", "legacy", "2025-02-01 00:00:00+00");
            insertPass(statement, "SP-2025-OLD003", "spc_CCCCCCCCCCCCCCCCCCCCCCCC", "billing", "2025-03-01 00:00:00+00");
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('admin_token_hash', '"
                    + adminTokenHash() + "')");
        }
    }

    private void assertServedWithoutLoss(DatabaseConfig config) throws Exception {
        try (JdbiStorage storage = JdbiStorage.open(config);
             SentinelServer server = serve(storage)) {
            HttpResponse<String> projects = send(server, "GET", "/api/v1/projects", ADMIN_TOKEN, null);
            assertThat(projects.statusCode()).as("the stored admin token: " + projects.body()).isEqualTo(200);
            assertThat(names(MAPPER.readTree(projects.body()), "name")).containsExactly("billing", "legacy");
            assertThat(passIds(server, "legacy")).containsExactly("SP-2025-OLD001", "SP-2025-OLD002");
            assertThat(passIds(server, "billing")).containsExactly("SP-2025-OLD003");

            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String batch = "[{\"pass_id\": \"SP-2025-OLD001\", \"type\": \"token_generation\", \"started_at\": \"" + now
                    + "\", \"endpoint\": \"/oauth/token\", \"http_method\": \"POST\", \"success\": true,"
                    + " \"status_code\": 200, \"duration_ms\": 3, \"client_ip\": \"192.0.2.10\"},"
                    + " {\"pass_id\": \"SP-2025-OLD003\", \"type\": \"api_request\", \"started_at\": \"" + now
                    + "\", \"endpoint\": \"/v1/orders\", \"http_method\": \"GET\", \"success\": true,"
                    + " \"status_code\": 200, \"duration_ms\": 5}]";
            HttpResponse<String> ingested = send(server, "POST", "/api/v1/activity", INGEST_TOKEN, batch);
            assertThat(ingested.statusCode()).as("the ingest token: " + ingested.body()).isEqualTo(200);
            assertThat(send(server, "GET", "/api/v1/projects", INGEST_TOKEN, null).statusCode())
                    .as("the ingest token opens nothing else, as in the release").isEqualTo(401);
            HttpResponse<String> activity = send(server, "GET", "/api/v1/passes/SP-2025-OLD001/activity", ADMIN_TOKEN,
                    null);
            assertThat(activity.statusCode()).as(activity.body()).isEqualTo(200);
            assertThat(names(MAPPER.readTree(activity.body()), "reported_by")).containsExactly("ingest-token");
        }
    }

    private SentinelServer serve(JdbiStorage storage) {
        byte[] kek = new byte[32];
        Sentinel sentinel = Sentinel.builder().storage(storage).keyEncryptionKey(kek).build();
        NodeSettings settings = NodeSettings.builder().port(0).issuer("http://127.0.0.1").ingestToken(INGEST_TOKEN)
                .keyEncryptionKey(kek).stopTimeout(Duration.ZERO).build(); // no admin token: the stored one
        return SentinelServer.of(SentinelNode.builder(sentinel, settings)
                .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
    }

    private List<String> passIds(SentinelServer server, String project) throws Exception {
        HttpResponse<String> passes = send(server, "GET", "/api/v1/projects/" + project + "/passes", ADMIN_TOKEN, null);
        assertThat(passes.statusCode()).as(passes.body()).isEqualTo(200);
        return names(MAPPER.readTree(passes.body()), "pass_id");
    }

    /** The values of {@code field} in the items of a list reply, in order. */
    private static List<String> names(JsonNode reply, String field) {
        List<String> values = new ArrayList<>();
        JsonNode items = reply.has("items") ? reply.get("items") : reply.path("projects");
        items.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private HttpResponse<String> send(SentinelServer server, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri().toString().replaceAll("/$", "")
                + path)).header("Authorization", "Bearer " + token).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void insertPass(Statement statement, String passId, String clientId, String project, String at)
            throws SQLException {
        String time = "TIMESTAMP WITH TIME ZONE '" + at + "'";
        statement.execute("INSERT INTO agent_users (client_id, name, agent_type, description, created_at, updated_at) VALUES ('"
                + clientId + "', 'Old Agent', 'old_agent', NULL, " + time + ", " + time + ")");
        statement.execute("INSERT INTO agent_credentials VALUES ('" + clientId + "', 0, '$sha256$" + "ab".repeat(32)
                + "', " + time + ", NULL)");
        statement.execute("INSERT INTO passes (pass_id, project, client_id, access_level, organization, usage_type, "
                + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, state, "
                + "created_at, updated_at) VALUES ('" + passId + "', '" + project + "', '" + clientId + "', 'standard', "
                + "NULL, 'automation_tool', DATE '2025-01-01', DATE '2030-01-01', 'read,write', '', 'api_key', "
                + "'privately_visible', NULL, 'active', " + time + ", " + time + ")");
    }

    /** The hash the release's AdminTokens kept for a token: $sha256$ and the base64 of its SHA-256. */
    private static String adminTokenHash() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8));
        return "$sha256$" + Base64.getEncoder().encodeToString(digest);
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

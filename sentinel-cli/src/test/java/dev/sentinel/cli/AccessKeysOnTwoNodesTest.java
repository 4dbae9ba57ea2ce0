package dev.sentinel.cli;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: an access key created and revoked through the management API of node A works
 * on node B and is refused there within 5 seconds of its revocation (the bound the admin token keeps).
 */
class AccessKeysOnTwoNodesTest {

    private static final String ADMIN = "two-nodes-keys-admin-token-0123456789abcdef";
    private static final byte[] KEK = new byte[32];
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestPostgres postgres;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        postgres = TestPostgres.freshSchema("the access keys on two nodes test");
        DatabaseConfig config = DatabaseConfig.postgres(postgres.url(), postgres.user, postgres.password);
        SentinelServer a = node(JdbiStorage.open(config));
        SentinelServer b = node(JdbiStorage.open(config));
        assertThat(send(a, "POST", "/api/v1/projects", ADMIN, "{\"name\": \"cluster\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> created = send(a, "POST", "/api/v1/access-keys", ADMIN,
                "{\"name\": \"cluster-viewer\", \"role\": \"viewer\", \"projects\": [\"cluster\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = MAPPER.readTree(created.body());
        String secret = key.path("key").asText();
        assertThat(send(b, "GET", "/api/v1/projects/cluster/passes", secret, null).statusCode())
                .as("a key made on A works on B").isEqualTo(200);
        assertThat(send(b, "POST", "/api/v1/projects/cluster/passes", secret, "{}").statusCode())
                .as("as the viewer it is").isEqualTo(403);

        assertThat(send(a, "DELETE", "/api/v1/access-keys/" + key.path("id").asText(), ADMIN, null).statusCode())
                .isEqualTo(204);
        assertThat(send(a, "GET", "/api/v1/projects/cluster/passes", secret, null).statusCode())
                .as("refused on A at once").isEqualTo(401);
        long revokedAt = System.nanoTime();
        // the last request B still accepted must have been sent within 5 s of the revocation
        long lastAccepted = revokedAt;
        long sent = System.nanoTime();
        int onB = send(b, "GET", "/api/v1/projects/cluster/passes", secret, null).statusCode();
        while (onB == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(7).toNanos()) {
            lastAccepted = sent;
            Thread.sleep(50);
            sent = System.nanoTime();
            onB = send(b, "GET", "/api/v1/projects/cluster/passes", secret, null).statusCode();
        }
        assertThat(onB).as("refused on B").isEqualTo(401);
        assertThat(Duration.ofNanos(lastAccepted - revokedAt)).as("accepted on B no later than 5 s after the revocation")
                .isLessThan(Duration.ofSeconds(5));
    }

    private SentinelServer node(JdbiStorage storage) {
        open.add(storage);
        Sentinel sentinel = Sentinel.builder().storage(storage).keyEncryptionKey(KEK).build();
        NodeSettings settings = NodeSettings.builder().port(0).issuer("https://sentinel.example.test").adminToken(ADMIN)
                .keyEncryptionKey(KEK).stopTimeout(Duration.ZERO).build();
        SentinelServer server = SentinelServer.of(SentinelNode.builder(sentinel, settings)
                .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
        open.add(server);
        return server;
    }

    private HttpResponse<String> send(SentinelServer node, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUri() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

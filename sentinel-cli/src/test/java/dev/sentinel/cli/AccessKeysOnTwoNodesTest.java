package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.http.SentinelServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: an access key created and revoked through the management API of node A works
 * on node B and is refused there within 5 seconds of its revocation (the bound the admin token keeps).
 */
class AccessKeysOnTwoNodesTest {

    private static final String ADMIN = "two-nodes-keys-admin-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TwoNodesOnPostgres nodes;

    @AfterEach
    void closeAll() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        nodes = TwoNodesOnPostgres.forTest("the access keys on two nodes test").adminToken(ADMIN)
                .keyEncryptionKeyInCore().start();
        SentinelServer a = nodes.a();
        SentinelServer b = nodes.b();
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

    private HttpResponse<String> send(SentinelServer node, String method, String path, String token, String json)
            throws Exception {
        return nodes.send(node, method, path, json, "Authorization", "Bearer " + token);
    }
}

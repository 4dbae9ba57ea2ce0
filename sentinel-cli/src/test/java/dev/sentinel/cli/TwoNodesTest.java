package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.analytics.UsageRange;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.resource.guard.GuardDecision;
import dev.sentinel.resource.guard.TokenGuard;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two stateless nodes on one PostgreSQL database, set up as the operations guide says (same database, issuer,
 * key-encryption key and admin token): they migrate a new schema once when they start together, a token one issues
 * introspects on the other, a revocation on one is refused by the other (introspection at once, the guard within its
 * 2-second cache), and activity from both lands in one usage view.
 */
class TwoNodesTest {

    private static final String ADMIN = "two-nodes-admin-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private TwoNodesOnPostgres nodes;

    @AfterEach
    void closeAll() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void twoNodesOnOneDatabaseShareTokensRevocationsAndActivity() throws Exception {
        nodes = TwoNodesOnPostgres.forTest("the two-node test").adminToken(ADMIN).openTogether().start();
        SentinelServer a = nodes.a();
        SentinelServer b = nodes.b();
        CreatedPass pass = nodes.core(a).passes().create(CreatePassCommand.builder("cluster").agentName("Cluster Agent")
                .agentType("bot").build());

        String token = grant(a, pass);
        grant(b, pass);
        assertThat(active(b, token)).as("a token from A introspects on B").isTrue();
        TokenGuard guardOnB = b.tokenGuard();
        assertThat(guardOnB.check("Bearer " + token, Optional.empty()).allowed()).isTrue();

        HttpResponse<String> revoked = post(a, "/oauth/revoke", "token=" + token, "Bearer " + ADMIN);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(active(b, token)).as("introspection on B right after the revocation on A").isFalse();
        long deadline = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        GuardDecision decision = guardOnB.check("Bearer " + token, Optional.empty());
        while (decision.allowed() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            decision = guardOnB.check("Bearer " + token, Optional.empty());
        }
        assertThat(decision.allowed()).as("B's guard within its 2-second state cache").isFalse();

        a.close();
        b.close(); // both write what they buffered
        long grants = nodes.core(a).usage().usage(pass.pass().passId(), UsageRange.parse("24h")).metrics()
                .totalRequests();
        assertThat(grants).as("one usage view of both nodes' grants").isEqualTo(2);
    }

    private String grant(SentinelServer node, CreatedPass pass) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> response = post(node, "/oauth/token", form, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body()).path("access_token").asText();
    }

    private boolean active(SentinelServer node, String token) throws Exception {
        return MAPPER.readTree(post(node, "/oauth/introspect", "token=" + token, "Bearer " + ADMIN).body())
                .path("active").asBoolean();
    }

    private HttpResponse<String> post(SentinelServer node, String path, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUri() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sentinel.http.SentinelServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code private_key_jwt} replay cache is the store's, so it holds across nodes: two servers on one PostgreSQL
 * database, an assertion accepted by node A is refused by node B, and one assertion sent to both at the same moment is
 * accepted by exactly one of them (skipped without a PostgreSQL server, see {@link TestPostgres}).
 */
class PrivateKeyJwtOnTwoNodesTest {

    private static final String ADMIN = "two-nodes-pkjwt-admin-token-0123456789abcdef";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
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
    void anAssertionUsedOnOneNodeIsRefusedOnTheOtherAndARaceHasOneWinner() throws Exception {
        nodes = TwoNodesOnPostgres.forTest("the private_key_jwt replay on two nodes test").adminToken(ADMIN).start();
        SentinelServer a = nodes.a();
        SentinelServer b = nodes.b();
        assertThat(nodes.send(a, "POST", "/api/v1/projects", "{\"name\": \"cluster\"}", "Authorization",
                "Bearer " + ADMIN).statusCode()).isEqualTo(201);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("node-key").generate();
        String body = MAPPER.writeValueAsString(Map.of("agent_name", "Cluster Agent", "agent_type", "bot",
                "credential_type", "private_key_jwt", "permissions", "read",
                "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true)));
        HttpResponse<String> created = nodes.send(a, "POST", "/api/v1/projects/cluster/passes", body,
                "Authorization", "Bearer " + ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = MAPPER.readTree(created.body()).path("credentials").path("client_id").asText();

        String once = assertion(key, clientId);
        assertThat(grant(a, once).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = grant(b, once);
        assertThat(replayed.statusCode()).as("the same assertion on the other node").isEqualTo(401);
        assertThat(MAPPER.readTree(replayed.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(grant(b, assertion(key, clientId)).statusCode()).as("a fresh one works on B").isEqualTo(200);

        for (int round = 0; round < 4; round++) {
            String raced = assertion(key, clientId);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Integer>> replies = new ArrayList<>();
            for (SentinelServer node : List.of(a, b)) {
                replies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                        return grant(node, raced).statusCode();
                    } catch (Exception failure) {
                        throw new IllegalStateException(failure);
                    }
                }));
            }
            List<Integer> statuses = List.of(replies.get(0).get(30, TimeUnit.SECONDS),
                    replies.get(1).get(30, TimeUnit.SECONDS));
            assertThat(statuses).as("round " + round + ": one node accepts, the other refuses")
                    .containsExactlyInAnyOrder(200, 401);
        }
    }

    private static String assertion(ECKey key, String clientId) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(TwoNodesOnPostgres.ISSUER)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> grant(SentinelServer node, String assertion) throws Exception {
        String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE,
                StandardCharsets.UTF_8) + "&client_assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(URI.create(node.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

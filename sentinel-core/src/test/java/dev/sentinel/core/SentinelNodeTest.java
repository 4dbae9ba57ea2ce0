package dev.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.fixtures.CountingThrottleBuckets;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.TokenRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The node composed in core: what it builds, what starting it writes, and what it needs from outside. */
class SentinelNodeTest {

    private static final String METRICS = "node-test-metrics-token-0123456789";
    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final List<ActivityEvent> recorded = new CopyOnWriteArrayList<>();

    @Test
    void startingMakesTheSigningKeyAndTheAdminTokenOnceAndOpensTheGate() {
        try (SentinelNode node = node(NodeSettings.builder().port(0).metricsToken(METRICS).build())) {
            assertThat(node.gate().check(BearerGate.Door.ADMIN, Optional.of("sat_anything"), Optional.empty()).allowed())
                    .as("before start no token is the admin's").isFalse();

            node.start();
            String admin = node.generatedAdminToken().orElseThrow();
            node.start();

            assertThat(node.generatedAdminToken()).contains(admin);
            assertThat(node.gate().check(BearerGate.Door.ADMIN, Optional.of(admin), Optional.empty()).allowed()).isTrue();
            assertThat(node.gate().check(BearerGate.Door.METRICS, Optional.of(admin), Optional.empty()).verdict())
                    .as("the admin token does not open the metrics").isEqualTo(BearerGate.Verdict.WRONG);
            assertThat(node.gate().check(BearerGate.Door.METRICS, Optional.of(METRICS), Optional.empty()).allowed()).isTrue();
            assertThat(node.tokens().jwks()).hasSize(1);
        }
        try (SentinelNode again = node(NodeSettings.builder().port(0).build()).start()) {
            assertThat(again.generatedAdminToken()).as("generated once per store").isEmpty();
        }
    }

    @Test
    void theNodesGrantsAreRecordedThroughItsRecorderAndItsIssuerIsWhereItListens() {
        try (SentinelNode node = node(NodeSettings.builder().port(0).build()).start()) {
            assertThatThrownBy(node::issuer).as("port 0: unknown until it listens").isInstanceOf(IllegalStateException.class);
            node.listeningOn(41_000);
            CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
                    .agentType("bot").build());

            node.tokens().grant(TokenRequest.clientCredentials(pass.credentials().clientId().value(),
                    pass.credentials().clientSecret().reveal()).build());

            assertThat(node.issuer()).isEqualTo("http://127.0.0.1:41000");
            assertThat(recorded).extracting(ActivityEvent::type).containsExactly(ActivityType.TOKEN_GENERATION);
        }
    }

    @Test
    void throttlingNeedsBucketsToCountIn() {
        assertThatThrownBy(() -> SentinelNode.builder(sentinel, NodeSettings.builder().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("throttleBuckets");
        try (SentinelNode unthrottled = SentinelNode.builder(sentinel, NodeSettings.builder()
                .throttling(Throttling.OFF).build()).activityRecorder(recorded::add).build()) {
            assertThat(unthrottled.throttle().limits().isOff()).isTrue();
        }
    }

    @Test
    void aClosedNodeDoesNotStartAndClosesOnce() {
        SentinelNode node = node(NodeSettings.builder().build());
        node.close();
        node.close();

        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fetchesKeysFromPrivateAddressesOnlyWithTheOptInOrAnAllowedHost() throws Exception {
        com.sun.net.httpserver.HttpServer jwks = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("k1")
                .generate().toPublicJWK().toJSONString();
        jwks.createContext("/jwks", exchange -> {
            byte[] body = ("{\"keys\":[" + key + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        java.net.URI http = java.net.URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        java.net.URI https = java.net.URI.create("https://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        try (SentinelNode strict = node(NodeSettings.builder().port(0).build());
             SentinelNode opted = node(NodeSettings.builder().port(0).allowPrivateTargets(true).build())) {
            assertThatThrownBy(() -> strict.keySources().jwksUri(https).keys(Optional.empty()))
                    .hasMessageContaining("a loopback address").hasMessageContaining("--allow-private-targets")
                    .hasMessageContaining("sentinel allowed-host add");
            assertThat(opted.keySources().jwksUri(http).keys(Optional.empty()))
                    .extracting(com.nimbusds.jose.jwk.JWK::getKeyID).containsExactly("k1");

            strict.allowedHosts().add("127.0.0.1");
            // allowed: the address is no longer refused; the https handshake with this plain server fails instead
            assertThatThrownBy(() -> strict.keySources().jwksUri(https.resolve("/jwks?again")).keys(Optional.empty()))
                    .isInstanceOf(dev.sentinel.core.fetch.KeysUnavailableException.class)
                    .hasMessageNotContaining("loopback address");
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void refusesAStaleBoundOutsideItsRange() {
        assertThatThrownBy(() -> NodeSettings.builder().keysStaleIfError(java.time.Duration.ofDays(8)).build())
                .hasMessageContaining("keys_stale_if_error");
    }

    private SentinelNode node(NodeSettings settings) {
        return SentinelNode.builder(sentinel, settings).throttleBuckets(new CountingThrottleBuckets())
                .activityRecorder(recorded::add).build();
    }
}

package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.application.throttle.Throttling;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A running server picks up an admin token issued for its store: the new token opens the management API and the old
 * one is refused within {@link AdminTokens#REFRESH_SECONDS} seconds, without a restart. A server with a configured
 * token ignores the stored one.
 */
class AdminTokenRotationTest {

    private static final byte[] KEK = new byte[32];
    private static final Actor OPERATOR = new Actor("cli");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunningServerRefusesTheOldTokenWithinTheBoundAndAcceptsTheNewOne() throws Exception {
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        try (SentinelServer server = TestServer.builder(sentinel).port(0).keyEncryptionKey(KEK)
                .throttling(Throttling.OFF).build().start()) {
            String old = server.node().generatedAdminToken().orElseThrow();
            assertThat(status(server.baseUri(), old)).isEqualTo(200);

            String rotated = sentinel.rotateAdminToken(OPERATOR);

            assertThat(statusWithin(server.baseUri(), rotated, 200, Duration.ofSeconds(AdminTokens.REFRESH_SECONDS)))
                    .isEqualTo(200);
            assertThat(statusWithin(server.baseUri(), old, 401, Duration.ofSeconds(AdminTokens.REFRESH_SECONDS + 1)))
                    .as("the old token after the rotation").isEqualTo(401);
            assertThat(status(server.baseUri(), rotated)).isEqualTo(200);
            assertThat(introspectAsAdmin(server.baseUri(), old)).as("introspection by the old admin token").isEqualTo(401);
        }
    }

    @Test
    void aServerWithAConfiguredTokenIgnoresTheRotatedOne() throws Exception {
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        String configured = "configured-admin-token-0123456789abcdef";
        try (SentinelServer server = TestServer.builder(sentinel).port(0).keyEncryptionKey(KEK)
                .throttling(Throttling.OFF).adminToken(configured).build().start()) {
            String rotated = sentinel.rotateAdminToken(OPERATOR);

            assertThat(status(server.baseUri(), rotated)).as("a stored-token server would re-read on this miss")
                    .isEqualTo(401);
            assertThat(status(server.baseUri(), configured)).isEqualTo(200);
        }
    }

    /** Polls until the answer is {@code wanted} or the deadline passes; returns the last answer. */
    private int statusWithin(URI base, String token, int wanted, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = status(base, token);
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = status(base, token);
        }
        return status;
    }

    private int status(URI base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/projects"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int introspectAsAdmin(URI base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/oauth/introspect"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

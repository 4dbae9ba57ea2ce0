package dev.sentinel.http.guard;

import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token lifecycle table through the real server: after each change, does {@code POST /oauth/introspect} call a
 * token issued before it active, and does a guarded route of another Javalin application let it in? The operator's
 * response to a leaked token — toggle off, regenerate, toggle on — must leave the leaked token dead in both.
 */
class TokenLifecycleOverHttpTest {

    private static final String ADMIN = "lifecycle-admin-token-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).clock(clock).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0).adminToken(ADMIN)
            .stopTimeout(Duration.ZERO).build().start();
    private final SentinelGuard guard = SentinelGuard.of(server.tokenGuard(Duration.ZERO));
    private final Javalin api = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        guard.protect(config.routes, "/v1/*");
        config.routes.get("/v1/orders", ctx -> ctx.result("[]"));
    }).start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();
    private final CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").build());

    @AfterEach
    void stop() {
        api.stop();
        server.close();
    }

    record Row(String change, BiConsumer<TokenLifecycleOverHttpTest, String> act, boolean active) {
        @Override
        public String toString() {
            return change + " → " + (active ? "active" : "inactive");
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing", (test, token) -> { }, true),
                row("toggle off", (test, token) -> test.passes().toggle(test.passId()), false),
                row("toggle off, regenerate, toggle on (a leaked token)", (test, token) -> {
                    test.passes().toggle(test.passId());
                    test.passes().regenerate(test.passId(), Duration.ZERO);
                    test.passes().toggle(test.passId());
                }, false),
                row("toggle off, then on", (test, token) -> {
                    test.passes().toggle(test.passId());
                    test.passes().toggle(test.passId());
                }, false),
                row("revoke, then activate", (test, token) -> {
                    test.passes().revoke(test.passId());
                    test.passes().activate(test.passId());
                }, false),
                row("regenerate without grace", (test, token) -> test.passes().regenerate(test.passId(), Duration.ZERO), false),
                row("regenerate with grace, inside it", (test, token) -> test.passes().regenerate(test.passId(), Duration.ofHours(1)), true),
                row("regenerate with 5 min grace, after it", (test, token) -> {
                    test.passes().regenerate(test.passId(), Duration.ofMinutes(5));
                    test.clock.advance(Duration.ofMinutes(6));
                }, false),
                row("delete", (test, token) -> test.passes().delete(test.passId()), false),
                row("token revoked (RFC 7009)", (test, token) -> test.revoke(token), false),
                row("token expired", (test, token) -> test.clock.advance(Duration.ofMinutes(15)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void introspectionAndTheGuardFollowTheTable(Row row) throws Exception {
        String token = token();

        row.act().accept(this, token);

        boolean introspected = Json.parse(post("/oauth/introspect", "token=" + token, "Bearer " + ADMIN).body())
                .path("active").asBoolean();
        int guarded = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/orders"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(introspected).as("introspection").isEqualTo(row.active());
        assertThat(guarded).as("the guard").isEqualTo(row.active() ? 200 : 401);
    }

    private static Arguments row(String change, BiConsumer<TokenLifecycleOverHttpTest, String> act, boolean active) {
        return Arguments.of(new Row(change, act, active));
    }

    private dev.sentinel.core.application.PassService passes() {
        return sentinel.passes();
    }

    private PassId passId() {
        return pass.pass().passId();
    }

    private String token() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> response = post("/oauth/token", form, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private void revoke(String token) {
        try {
            assertThat(post("/oauth/revoke", "token=" + token, "Bearer " + ADMIN).statusCode()).isEqualTo(200);
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    private HttpResponse<String> post(String path, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.sentinel.http.guard;

import dev.sentinel.core.SentinelStorage;
import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.PageRequest;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A separate Javalin application protected by the guard, with tokens from a real Sentinel server. */
class SentinelGuardTest {

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0)
            .adminToken("guard-admin-token-0123456789abcdef").build().start();
    private final SentinelGuard guard = SentinelGuard.of(server.tokenGuard(Duration.ZERO));
    private final Javalin app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        guard.protect(config.routes, "/v1/*");
        config.routes.before("/v1/admin", guard.require("admin:users"));
        config.routes.get("/v1/orders", ctx -> ctx.result("[]"));
        config.routes.get("/v1/admin", ctx -> ctx.result("secret admin data"));
        config.routes.get("/v1/broken", ctx -> ctx.status(500).result("oops"));
        config.routes.get("/open", ctx -> ctx.result("open"));
    }).start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();
    private final CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").permissions("read,write").build());

    @AfterEach
    void stop() {
        app.stop();
        server.close();
    }

    private String token() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> call(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("User-Agent", "guard-test/1.0");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ActivityEvent> activity(int atLeast) throws InterruptedException {
        PassId passId = pass.pass().passId();
        for (int i = 0; i < 250; i++) {
            List<ActivityEvent> events = SentinelStorage.of(sentinel).read(session -> session.activity()
                    .find(new ActivityFilter(passId, java.util.Optional.empty(), java.util.Optional.empty(),
                            java.util.Optional.of("/v1/"), java.util.Optional.empty(), java.util.Optional.empty()),
                            new PageRequest(1, 100)).items());
            if (events.size() >= atLeast) {
                return events;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + atLeast + " events were recorded");
    }

    @Test
    void letsAValidTokenThroughAndRecordsTheRequest() throws Exception {
        HttpResponse<String> response = call("/v1/orders", token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
        ActivityEvent event = activity(1).get(0);
        assertThat(event.type()).isEqualTo(ActivityType.API_REQUEST);
        assertThat(event.endpoint()).isEqualTo("/v1/orders");
        assertThat(event.httpMethod()).isEqualTo("GET");
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.success()).isTrue();
        assertThat(event.clientIp()).contains("127.0.0.1");
        assertThat(event.userAgent()).contains("guard-test/1.0");
        assertThat(event.durationMs()).isNotNegative();
    }

    @Test
    void refusesMissingAndForgedTokensPerRfc6750() throws Exception {
        HttpResponse<String> missing = call("/v1/orders", null);
        String token = token();
        int inSignature = token.lastIndexOf('.') + 10;
        char swapped = token.charAt(inSignature) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, inSignature) + swapped + token.substring(inSignature + 1);
        HttpResponse<String> bad = call("/v1/orders", forged);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sentinel\"");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(Json.parse(bad.body()).path("error").asText()).isEqualTo("invalid_token");
        assertThat(call("/open", null).statusCode()).isEqualTo(200);
    }

    @Test
    void requiresThePermissionARouteAsksFor() throws Exception {
        HttpResponse<String> response = call("/v1/admin", token());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
        assertThat(response.body()).doesNotContain("secret admin data");
        ActivityEvent event = activity(1).get(0);
        assertThat(event.type()).isEqualTo(ActivityType.ERROR);
        assertThat(event.statusCode()).isEqualTo(403);
        assertThat(event.errorMessage()).contains("this route needs the permission admin:users");
    }

    @Test
    void recordsFailuresOfTheProtectedRouteAsErrors() throws Exception {
        assertThat(call("/v1/broken", token()).statusCode()).isEqualTo(500);

        ActivityEvent event = activity(1).get(0);
        assertThat(event.type()).isEqualTo(ActivityType.ERROR);
        assertThat(event.success()).isFalse();
        assertThat(event.statusCode()).isEqualTo(500);
    }

    @Test
    void refusesTokensOfRevokedAndDeletedPassesAtOnce() throws Exception {
        String token = token();
        assertThat(call("/v1/orders", token).statusCode()).isEqualTo(200);

        sentinel.passes().revoke(pass.pass().passId());
        HttpResponse<String> revoked = call("/v1/orders", token);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(Json.parse(revoked.body()).path("error_description").asText()).isEqualTo("the pass is revoked");

        sentinel.passes().delete(pass.pass().passId());
        assertThat(call("/v1/orders", token).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesATokenRevokedAtTheRevocationEndpoint() throws Exception {
        String token = token();
        String form = "token=" + token + "&client_id=" + pass.credentials().clientId().value() + "&client_secret="
                + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> revocation = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revocation.statusCode()).isEqualTo(200);

        HttpResponse<String> response = call("/v1/orders", token);
        JsonNode body = Json.parse(response.body());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body.path("error_description").asText()).isEqualTo("the access token was revoked");
    }
}

package dev.sentinel.http.guard;

import dev.sentinel.core.SentinelStorage;
import dev.sentinel.resource.guard.TokenGuard;
import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard refuses tokens of a pass bound to networks when they are used from outside them. The Sentinel server
 * trusts the loopback proxy, so a token can be fetched "from" 10.1.2.3; the protected apps sit on loopback.
 */
class NetworkBoundGuardTest {

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0)
            .adminToken("guard-admin-token-0123456789abcdef").trustedProxies(List.of("127.0.0.1/32")).build().start();
    private final List<Javalin> apps = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").allowedIps(List.of("10.0.0.0/8")).build());

    @AfterEach
    void stop() {
        apps.forEach(Javalin::stop);
        server.close();
    }

    private int protectedApp(TokenGuard tokenGuard) {
        SentinelGuard guard = SentinelGuard.of(tokenGuard);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            guard.protect(config.routes, "/v1/*");
            config.routes.get("/v1/orders", ctx -> ctx.result("[]"));
        }).start("127.0.0.1", 0);
        apps.add(app);
        return app.port();
    }

    private String tokenFrom(String forwardedFor) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> call(int port, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                .header("Authorization", "Bearer " + token);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ActivityEvent> guardActivity(int atLeast) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            List<ActivityEvent> events = SentinelStorage.of(sentinel).read(session -> session.activity()
                    .find(new ActivityFilter(pass.pass().passId(), Optional.empty(), Optional.empty(),
                            Optional.of("/v1/"), Optional.empty(), Optional.empty()), new PageRequest(1, 100)).items());
            if (events.size() >= atLeast) {
                return events;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + atLeast + " events were recorded");
    }

    @Test
    void refusesATokenOfABoundPassUsedFromOutsideItsNetworks() throws Exception {
        int port = protectedApp(server.tokenGuard(Duration.ZERO));
        String token = tokenFrom("10.1.2.3");

        HttpResponse<String> outside = call(port, token);

        assertThat(outside.statusCode()).isEqualTo(401);
        assertThat(outside.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(Json.parse(outside.body()).path("error_description").asText())
                .isEqualTo("the pass may not be used from this network address");
        assertThat(outside.body()).doesNotContain("10.0.0.0");
        ActivityEvent refused = guardActivity(1).get(0);
        assertThat(refused.success()).isFalse();
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.clientIp()).contains("127.0.0.1");
        assertThat(refused.errorMessage()).contains("address_not_allowed: address 127.0.0.1 not in allowed_ips");
    }

    @Test
    void theServersGuardTrustsTheSameProxies() throws Exception {
        int port = protectedApp(server.tokenGuard(Duration.ZERO));

        HttpResponse<String> inside = call(port, tokenFrom("10.1.2.3"), "X-Forwarded-For", "10.1.2.3");

        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(guardActivity(1).get(0).clientIp()).contains("10.1.2.3");
    }

    @Test
    void aGuardThatTrustsNoProxyIgnoresASpoofedHeader() throws Exception {
        TokenGuard untrusting = TokenGuard.builder(server.node().tokens(), new StoringActivityRecorder(SentinelStorage.of(sentinel)))
                .stateTtl(Duration.ZERO).build();
        int port = protectedApp(untrusting);

        HttpResponse<String> spoofed = call(port, tokenFrom("10.1.2.3"), "X-Forwarded-For", "10.1.2.3",
                "Forwarded", "for=10.1.2.3");

        assertThat(spoofed.statusCode()).isEqualTo(401);
        assertThat(guardActivity(1).get(0).errorMessage()).contains(
                "address_not_allowed: address 127.0.0.1 not in allowed_ips");
    }

    @Test
    void anEmbeddedGuardTakesTheTrustedProxySettingItself() throws Exception {
        TokenGuard trusting = TokenGuard.builder(server.node().tokens(), new StoringActivityRecorder(SentinelStorage.of(sentinel)))
                .stateTtl(Duration.ZERO).trustedProxies(List.of("127.0.0.0/8")).build();
        int port = protectedApp(trusting);

        assertThat(call(port, tokenFrom("10.1.2.3"), "Forwarded", "for=10.1.2.3").statusCode()).isEqualTo(200);
        assertThat(trusting.clientAddress("127.0.0.1", List.of(), List.of("203.0.113.9"))).contains("203.0.113.9");
    }

    @Test
    void rebindingAPassStopsItsIssuedTokensOutsideTheNewNetworks() throws Exception {
        int port = protectedApp(server.tokenGuard(Duration.ZERO));
        sentinel.passes().changeAllowedNetworks(pass.pass().passId(), AllowedNetworks.parseList("127.0.0.0/8"));
        String token = tokenFrom("127.0.0.1");
        assertThat(call(port, token).statusCode()).isEqualTo(200);

        sentinel.passes().changeAllowedNetworks(pass.pass().passId(), AllowedNetworks.parseList("10.0.0.0/8"));

        assertThat(call(port, token).statusCode()).isEqualTo(401);
    }
}

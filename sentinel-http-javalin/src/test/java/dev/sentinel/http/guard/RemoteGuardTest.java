package dev.sentinel.http.guard;

import dev.sentinel.resource.guard.TokenGuard;
import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.resource.verify.RemoteTokenVerifier;
import dev.sentinel.resource.verify.Verification;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Javalin service protected by a remote guard, talking to a separately started Sentinel server over HTTP only: the
 * guard is given the issuer URL, introspection credentials and an ingest token as strings, nothing else. Everything
 * the test does to Sentinel it also does over HTTP (management API, token endpoint), as an operator would.
 */
class RemoteGuardTest {

    private static final String ADMIN = "remote-guard-admin-token-0123456789";
    private static final String INGEST = "remote-guard-ingest-token-0123456789";

    private final SentinelServer sentinel = TestServer.builder(Sentinel.builder().storage(new InMemoryStorage()).build())
            .port(0).adminToken(ADMIN).ingestToken(INGEST).signingAlgorithm("ES256").stopTimeout(Duration.ZERO)
            .build().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger handled = new AtomicInteger();
    private final List<AutoCloseable> toStop = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toStop) {
            closeable.close();
        }
        sentinel.close();
    }

    @Test
    void protectsRoutesWithTheIssuerUrlAloneAndReportsActivityThroughTheIngestApi() throws Exception {
        Pass agent = createPass("read:data,write:data");
        String token = token(agent, "read:data write:data");
        String readOnly = token(agent, "write:data");
        TokenGuard tokens = TokenGuard.remote(RemoteTokenVerifier.builder(sentinel.issuer()).build())
                .reportActivity(sentinel.baseUri(), INGEST).build();
        Javalin api = service(tokens);

        assertThat(get(api, "/v1/orders", token).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get(api, "/v1/orders", null);
        HttpResponse<String> tampered = get(api, "/v1/orders", tamper(token));
        HttpResponse<String> noScope = get(api, "/v1/orders", readOnly);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).as("the caller learns nothing of the reason")
                .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"the access token is not valid\"}");
        assertThat(tampered.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).contains("error=\"invalid_token\""));
        assertThat(noScope.statusCode()).isEqualTo(403);
        assertThat(handled.get()).isEqualTo(1);

        tokens.close(); // sends what is buffered
        JsonNode items = activity(agent.passId(), 2);
        assertThat(items).hasSize(2);
        assertThat(items.findValuesAsText("type")).containsExactlyInAnyOrder("api_request", "error");
        assertThat(items.findValuesAsText("status_code")).containsExactlyInAnyOrder("200", "403");
        assertThat(items.findValuesAsText("endpoint")).containsOnly("/v1/orders");
        assertThat(tokens.activityStats().orElseThrow().written()).isEqualTo(2);
        assertThat(tokens.activityStats().orElseThrow().rejected()).isZero();
    }

    @Test
    void recordsAnExpiredOrRevokedTokensReasonAgainstItsPassButTellsTheCallerOnlyThatItIsInvalid() throws Exception {
        Pass agent = createPass("read:data");
        Pass resourceServer = createPass("sentinel:introspect");
        String token = token(agent, "read:data");
        TokenGuard tokens = TokenGuard.remote(RemoteTokenVerifier.builder(sentinel.issuer())
                        .introspection(resourceServer.clientId(), resourceServer.secret())
                        .introspectionCache(Duration.ZERO).build())
                .reportActivity(sentinel.baseUri(), INGEST).build();
        Javalin api = service(tokens);
        assertThat(get(api, "/v1/orders", token).statusCode()).isEqualTo(200);

        admin("POST", "/api/v1/passes/" + agent.passId() + "/revoke");
        HttpResponse<String> refused = get(api, "/v1/orders", token);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("revoked");
        tokens.close();
        JsonNode items = activity(agent.passId(), 2);
        assertThat(items.findValuesAsText("error_message")).anySatisfy(message ->
                assertThat(message).startsWith("revoked: introspection says the token is no longer active"));
    }

    @Test
    void withoutIntrospectionARevokedPassesTokenStillWorksUntilItExpires() throws Exception {
        Pass agent = createPass("read:data");
        String token = token(agent, "read:data");
        Javalin api = service(TokenGuard.remote(RemoteTokenVerifier.builder(sentinel.issuer()).build()).build());

        admin("POST", "/api/v1/passes/" + agent.passId() + "/revoke");

        assertThat(get(api, "/v1/orders", token).statusCode())
                .as("only introspection sees the pass's state: this is what docs/resource-servers.md warns of")
                .isEqualTo(200);
    }

    @Test
    void acceptsTokensOfARotatedKeyAfterOneRefetch() throws Exception {
        Pass agent = createPass("read:data");
        RemoteTokenVerifier verifier = RemoteTokenVerifier.builder(sentinel.issuer()).refetchInterval(Duration.ZERO).build();
        Javalin api = service(TokenGuard.remote(verifier).build());
        String before = token(agent, "read:data");
        assertThat(get(api, "/v1/orders", before).statusCode()).isEqualTo(200);

        String newKid = sentinel.node().rotateSigningKey();
        String after = token(agent, "read:data");

        assertThat(header(after)).contains(newKid);
        assertThat(get(api, "/v1/orders", after).statusCode()).isEqualTo(200);
        assertThat(get(api, "/v1/orders", before).statusCode()).as("the old key stays published").isEqualTo(200);
    }

    @Test
    void failsClosedWith503WhenRequiredIntrospectionIsDown() throws Exception {
        Pass agent = createPass("read:data");
        Pass resourceServer = createPass("sentinel:introspect");
        String token = token(agent, "read:data");
        RemoteTokenVerifier verifier = RemoteTokenVerifier.builder(sentinel.issuer())
                .introspection(resourceServer.clientId(), resourceServer.secret())
                .introspectionEndpoint(URI.create("http://127.0.0.1:" + closedPort() + "/oauth/introspect")).build();
        Javalin api = service(TokenGuard.remote(verifier).build());

        HttpResponse<String> refused = get(api, "/v1/orders", token);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(refused.body()).contains("temporarily_unavailable");
        assertThat(handled.get()).isZero();
    }

    @Test
    void theVerifierIntrospectsWithAPassHoldingSentinelIntrospectOnly() throws Exception {
        Pass agent = createPass("read:data");
        Pass notAllowed = createPass("read:data");
        String token = token(agent, "read:data");

        Verification result = RemoteTokenVerifier.builder(sentinel.issuer())
                .introspection(notAllowed.clientId(), notAllowed.secret()).build().verify(token);

        assertThat(result.failure()).as("Sentinel tells a pass without sentinel:introspect only active: false")
                .contains(Verification.Failure.REVOKED);
    }

    private Javalin service(TokenGuard tokens) {
        toStop.add(tokens);
        SentinelGuard guard = SentinelGuard.of(tokens);
        Javalin api = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            guard.protect(config.routes, "/v1/*");
            config.routes.before("/v1/orders", guard.require("read:data"));
            config.routes.get("/v1/orders", ctx -> {
                handled.incrementAndGet();
                ctx.result("[]");
            });
        }).start("127.0.0.1", 0);
        toStop.add(api::stop);
        return api;
    }

    record Pass(String passId, String clientId, String secret) {
    }

    private Pass createPass(String permissions) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(sentinel.baseUri().resolve("/api/v1/projects/demo/passes"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent_name\":\"Remote Agent\",\"agent_type\":\"bot\","
                        + "\"permissions\":\"" + permissions + "\"}")).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Json.parse(created.body());
        return new Pass(body.path("pass").path("pass_id").asText(), body.path("credentials").path("client_id").asText(),
                body.path("credentials").path("client_secret").asText());
    }

    private String token(Pass pass, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(pass.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(pass.secret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(sentinel.baseUri().resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8))).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private void admin(String method, String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(sentinel.baseUri().resolve(path))
                .header("Authorization", "Bearer " + ADMIN).method(method, HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }

    /** The pass's activity as the server's activity API shows it, once it holds at least {@code atLeast} events (up to 10 s). */
    private JsonNode activity(String passId, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode items;
        do {
            HttpResponse<String> page = send(HttpRequest.newBuilder(sentinel.baseUri()
                    .resolve("/api/v1/passes/" + passId + "/activity?per_page=100"))
                    .header("Authorization", "Bearer " + ADMIN).GET().build());
            items = Json.parse(page.body()).path("items");
            if (items.size() >= atLeast) {
                return items;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return items;
    }

    private HttpResponse<String> get(Javalin api, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"scope\":\"read:data write:data\"", "\"scope\":\"read:data write:data admin:all\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}

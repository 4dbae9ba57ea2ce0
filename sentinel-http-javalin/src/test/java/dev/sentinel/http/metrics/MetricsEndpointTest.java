package dev.sentinel.http.metrics;

import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.metrics.PrometheusText.Family;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a real server, scraped over HTTP and read with a strict text-format parser. */
class MetricsEndpointTest {

    private static final String ADMIN_TOKEN = "metrics-admin-token-0123456789abcdef";
    private static final String METRICS_TOKEN = "metrics-scrape-token-0123456789abcdef";
    private static final Set<String> GRANT_RESULTS = Set.of("success", "invalid_request", "unsupported_grant_type",
            "invalid_client", "unauthorized_client", "invalid_scope", "invalid_target", "throttled");

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final HttpClient http = HttpClient.newHttpClient();
    private SentinelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesEveryFamilyWithItsLabelsFromTheFirstScrape() throws Exception {
        server = start(Throttling.DEFAULTS, null);

        HttpResponse<String> reply = get("/metrics", null);
        Map<String, Family> families = PrometheusText.parse(reply.body());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(families.get("sentinel_activity_queued").type()).isEqualTo("gauge");
        for (String counter : List.of("sentinel_activity_accepted_total", "sentinel_activity_written_total",
                "sentinel_activity_rejected_total", "sentinel_activity_failed_writes_total", "sentinel_activity_lost_total",
                "sentinel_token_grants_total", "sentinel_introspections_total", "sentinel_token_revocations_total",
                "sentinel_auth_throttled_total", "jvm_classes_unloaded_classes_total")) {
            assertThat(families.get(counter)).as(counter).isNotNull();
            assertThat(families.get(counter).type()).as(counter).isEqualTo("counter");
        }
        assertThat(labelValues(families.get("sentinel_token_grants_total"), "result")).isEqualTo(GRANT_RESULTS);
        assertThat(families.get("sentinel_token_grants_total").samples()).allMatch(sample -> sample.value() == 0);
        assertThat(labelValues(families.get("sentinel_introspections_total"), "active")).containsExactlyInAnyOrder("true", "false");
        assertThat(labelValues(families.get("sentinel_auth_throttled_total"), "credential")).containsExactlyInAnyOrder("client", "token");
        assertThat(families).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files",
                "system_cpu_count");
    }

    @Test
    void countsGrantsByCoarseResultIntrospectionsRevocationsAndRefusalsAndTimesRequestsPerRouteTemplate() throws Exception {
        server = start(new Throttling(FailureLimit.parse("3/1m"), FailureLimit.parse("50/1m"), FailureLimit.parse("10/1m")),
                null);
        CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("A").agentType("b").build());
        String clientId = pass.credentials().clientId().value();
        String secret = pass.credentials().clientSecret().reveal();

        HttpResponse<String> granted = token(clientId, secret);
        String accessToken = Json.parse(granted.body()).path("access_token").asText();
        int unknown = token("spc_nobody", secret).statusCode();
        int wrongSecret = token(clientId, "sps_wrong").statusCode();
        int refusals = 0;
        int throttled = 0;
        for (int i = 0; i < 10 && throttled == 0; i++) {
            int status = token(clientId, "sps_wrong").statusCode();
            refusals += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        introspect(accessToken);
        introspect("not-a-token");
        HttpResponse<String> revoked = post("/oauth/revoke", "token=" + accessToken, "Bearer " + ADMIN_TOKEN);
        int passWithoutToken = get("/api/v1/passes/" + pass.pass().passId().value(), null).statusCode();
        int unknownPass = get("/api/v1/passes/SP-2026-ZZZZZZ", "Bearer " + ADMIN_TOKEN).statusCode();
        int noRoute = get("/no/such/route", null).statusCode();

        Map<String, Family> families = PrometheusText.parse(get("/metrics", null).body());

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(List.of(unknown, wrongSecret)).as("an unknown and a known client fail alike").containsOnly(401);
        assertThat(throttled).as("the client id was throttled within 10 attempts").isEqualTo(1);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(List.of(passWithoutToken, unknownPass, noRoute)).containsExactly(401, 404, 404);

        Family grants = families.get("sentinel_token_grants_total");
        assertThat(count(grants, "result", "success")).isEqualTo(1);
        assertThat(count(grants, "result", "invalid_client")).as("unknown client, wrong secret: one label")
                .isEqualTo(2 + refusals);
        assertThat(count(grants, "result", "throttled")).isEqualTo(1);
        assertThat(labelValues(grants, "result")).isEqualTo(GRANT_RESULTS);
        assertThat(count(families.get("sentinel_introspections_total"), "active", "true")).isEqualTo(1);
        assertThat(count(families.get("sentinel_introspections_total"), "active", "false")).isEqualTo(1);
        assertThat(count(families.get("sentinel_token_revocations_total"), "result", "success")).isEqualTo(1);
        assertThat(count(families.get("sentinel_auth_throttled_total"), "credential", "client")).isEqualTo(1);

        Family requests = families.get("http_server_requests_seconds");
        assertThat(requests.type()).isEqualTo("histogram");
        assertThat(requestCount(requests, "POST", "/oauth/token", "200")).isEqualTo(1);
        assertThat(requestCount(requests, "POST", "/oauth/token", "401")).isEqualTo(2 + refusals);
        assertThat(requestCount(requests, "POST", "/oauth/token", "429")).isEqualTo(1);
        assertThat(requestCount(requests, "POST", "/oauth/introspect", "200")).isEqualTo(2);
        assertThat(requestCount(requests, "GET", "/api/v1/passes/{passId}", "401"))
                .as("refused by the admin guard, still timed under its route").isEqualTo(1);
        assertThat(requestCount(requests, "GET", "/api/v1/passes/{passId}", "404")).isEqualTo(1);
        assertThat(requestCount(requests, "GET", "NOT_FOUND", "404")).isEqualTo(1);
        assertThat(labelValues(requests, "uri")).as("route templates only, never a raw path")
                .noneMatch(uri -> uri.contains("SP-") || uri.contains("/no/such"));
    }

    @Test
    void aMetricsTokenIsRequiredOnceConfiguredAndWrongOnesAreThrottledLikeAdminTokens() throws Exception {
        server = start(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"), FailureLimit.parse("3/1m")),
                METRICS_TOKEN);

        HttpResponse<String> scraped = get("/metrics", "Bearer " + METRICS_TOKEN);
        HttpResponse<String> none = get("/metrics", null);
        HttpResponse<String> admin = get("/metrics", "Bearer " + ADMIN_TOKEN);
        HttpResponse<String> wrong = get("/metrics", "Bearer metrics-wrong-token-0123456789abcdefgh");
        get("/metrics", "Bearer metrics-wrong-token-0123456789abcdefgh");
        HttpResponse<String> throttled = get("/metrics", "Bearer " + METRICS_TOKEN);

        assertThat(PrometheusText.parse(scraped.body())).containsKey("sentinel_token_grants_total");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sentinel-metrics\"");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.parse(none.body()).path("detail").asText()).contains("metrics token");
        assertThat(none.body()).doesNotContain("sentinel_");
        assertThat(admin.statusCode()).as("the admin token does not open the metrics").isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(throttled.statusCode()).as("3 wrong tokens from one address: even the right one waits").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(server.meterRegistry().get("sentinel.auth.throttled").tag("credential", "token").functionCounter()
                .count()).isEqualTo(1);
    }

    private SentinelServer start(Throttling throttling, String metricsToken) {
        return TestServer.builder(sentinel).port(0).adminToken(ADMIN_TOKEN).throttling(throttling)
                .metricsToken(metricsToken).stopTimeout(Duration.ZERO).build().start();
    }

    private static Set<String> labelValues(Family family, String label) {
        return family.samples().stream().map(sample -> sample.labels().get(label)).collect(Collectors.toSet());
    }

    private static double count(Family family, String label, String value) {
        return family.sample(family.name(), Map.of(label, value)).value();
    }

    private static double requestCount(Family requests, String method, String uri, String status) {
        return requests.sample(requests.name() + "_count", Map.of("method", method, "uri", uri, "status", status)).value();
    }

    private HttpResponse<String> token(String clientId, String secret) throws IOException, InterruptedException {
        return post("/oauth/token", "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(secret), null);
    }

    private void introspect(String token) throws IOException, InterruptedException {
        assertThat(post("/oauth/introspect", "token=" + encode(token), "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String form, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

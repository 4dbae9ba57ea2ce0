package dev.sentinel.http.activity;

import dev.sentinel.http.TestServer;
import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Usage-tab endpoints over a real server and a real HTTP client. */
class AnalyticsApiTest {

    static final String ADMIN = "analytics-admin-token-0123456789abcdef";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage())
            .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0).adminToken(ADMIN).build().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").build()).pass().passId();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void seed(int count, String endpoint, boolean success, long durationMs, Instant at) {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new ActivityEvent(passId, success ? ActivityType.API_REQUEST : ActivityType.ERROR,
                    at.plusMillis(i), endpoint, "GET", success, success ? 200 : 503, durationMs,
                    Optional.of("203.0.113.7"), Optional.of("agent/1.0"), success ? Optional.empty() : Optional.of("upstream down"),
                    "{\"k\":\"v\"}"));
        }
        new StoringActivityRecorder(SentinelStorage.of(sentinel)).recordAll(events);
    }

    @Test
    void usageGivesTheTimelineAndMetricsInTheDocumentedShape() throws Exception {
        seed(19, "/v1/orders", true, 100, now.minus(1, ChronoUnit.HOURS));
        seed(1, "/v1/items", false, 900, now.minus(1, ChronoUnit.HOURS));

        JsonNode usage = Json.parse(get("/api/v1/passes/" + passId + "/usage?range=24h").body());

        assertThat(usage.path("range").asText()).isEqualTo("24h");
        assertThat(usage.path("resolution").asText()).isEqualTo("hour");
        assertThat(usage.path("timeline")).hasSize(24);
        JsonNode point = usage.path("timeline").get(22);
        assertThat(point.path("total_requests").asLong()).isEqualTo(20);
        assertThat(point.path("success_count").asLong()).isEqualTo(19);
        assertThat(point.path("error_count").asLong()).isEqualTo(1);
        assertThat(point.path("avg_latency_ms").asDouble()).isEqualTo(140.0);
        JsonNode metrics = usage.path("metrics");
        assertThat(metrics.path("total_requests").asLong()).isEqualTo(20);
        assertThat(metrics.path("success_rate").asDouble()).isEqualTo(95.0);
        assertThat(metrics.path("latency_class").asText()).isEqualTo("green");
        assertThat(metrics.path("p95_latency_ms").asLong()).isEqualTo(100);
        assertThat(metrics.path("unique_endpoints").asInt()).isEqualTo(2);
        assertThat(metrics.path("error_rate").asDouble()).isEqualTo(5.0);
        assertThat(metrics.path("error_rate_warning").asBoolean()).isFalse();

        JsonNode month = Json.parse(get("/api/v1/passes/" + passId + "/usage?range=30d").body());
        assertThat(month.path("timeline")).hasSize(30);
        assertThat(month.path("resolution").asText()).isEqualTo("day");
    }

    @Test
    void badRangesAndUnknownPassesAreClearErrors() throws Exception {
        HttpResponse<String> badRange = get("/api/v1/passes/" + passId + "/usage?range=1y");
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(Json.parse(badRange.body()).path("errors").get(0).path("message").asText())
                .isEqualTo("must be one of 24h, 7d, 30d (got '1y')");
        assertThat(get("/api/v1/passes/SP-2026-NOPE00/usage").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/passes/SP-2026-NOPE00/activity").statusCode()).isEqualTo(404);
    }

    @Test
    void activityPagesAreFilteredNewestFirstWithPageInfo() throws Exception {
        seed(30, "/v1/orders", true, 10, now.minus(2, ChronoUnit.HOURS));
        seed(5, "/v1/Items", false, 10, now.minus(1, ChronoUnit.HOURS));

        JsonNode page = Json.parse(get("/api/v1/passes/" + passId + "/activity?per_page=10&page=2").body());
        assertThat(page.path("total").asLong()).isEqualTo(35);
        assertThat(page.path("total_pages").asLong()).isEqualTo(4);
        assertThat(page.path("page").asInt()).isEqualTo(2);
        assertThat(page.path("per_page").asInt()).isEqualTo(10);
        assertThat(page.path("total_is_estimate").asBoolean(true)).isFalse();
        assertThat(page.path("items")).hasSize(10);

        JsonNode failed = Json.parse(get("/api/v1/passes/" + passId + "/activity?status=failed&endpoint=items&type=error").body());
        assertThat(failed.path("total").asLong()).isEqualTo(5);
        JsonNode first = failed.path("items").get(0);
        assertThat(first.path("started_at").asText()).isEqualTo(dev.sentinel.core.wire.Timestamps.format(now.minus(1, ChronoUnit.HOURS).plusMillis(4)));
        assertThat(first.path("error_message").asText()).isEqualTo("upstream down");
        assertThat(first.path("user_agent").asText()).isEqualTo("agent/1.0");
        assertThat(first.path("status_code").asInt()).isEqualTo(503);
        assertThat(first.path("metadata").path("k").asText()).isEqualTo("v");

        String today = now.toString().substring(0, 10);
        JsonNode byDate = Json.parse(get("/api/v1/passes/" + passId + "/activity?start_date=" + today + "&end_date=" + today).body());
        assertThat(byDate.path("total").asLong()).isBetween(0L, 35L);
    }

    @Test
    void badActivityParametersListTheAllowedValues() throws Exception {
        HttpResponse<String> response = get("/api/v1/passes/" + passId + "/activity?per_page=20&status=ok&colour=red");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = Json.parse(response.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("colour", "per_page", "status");
        HttpResponse<String> perPage = get("/api/v1/passes/" + passId + "/activity?per_page=20");
        assertThat(Json.parse(perPage.body()).path("errors").get(0).path("message").asText())
                .isEqualTo("must be one of 10, 25, 50, 100 (got 20)");
    }

    @Test
    void everyBrokenParameterIsReportedAtOnce() throws Exception {
        HttpResponse<String> typeAndPage = get("/api/v1/passes/" + passId + "/activity?type=x&page=0");
        HttpResponse<String> everything = get("/api/v1/passes/" + passId + "/activity?type=x&status=ok&page=0"
                + "&per_page=7&start_date=yesterday&end_date=%2B999999989-12-31&colour=red");
        HttpResponse<String> export = get("/api/v1/passes/" + passId + "/activity/export?format=xml&type=x&colour=red");
        HttpResponse<String> usage = get("/api/v1/passes/" + passId + "/usage?range=1y&colour=red");

        assertThat(typeAndPage.statusCode()).isEqualTo(400);
        assertThat(Json.parse(typeAndPage.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("type", "page");
        assertThat(Json.parse(everything.body()).path("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "colour", "type", "status", "start_date", "end_date", "page", "per_page");
        assertThat(Json.parse(export.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("colour", "format", "type");
        assertThat(Json.parse(usage.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("colour", "range");
    }

    @Test
    void datesOutsideTheYears1970To9999AreA400NamingTheRange() throws Exception {
        for (String date : List.of("%2B999999989-12-31", "%2B999999995-01-01", "%2B999999999-12-31")) {
            HttpResponse<String> response = get("/api/v1/passes/" + passId + "/activity?end_date=" + date);

            assertThat(response.statusCode()).as(date).isEqualTo(400);
            JsonNode error = Json.parse(response.body()).path("errors").get(0);
            assertThat(error.path("field").asText()).isEqualTo("end_date");
            assertThat(error.path("message").asText()).startsWith("must be from 1970-01-01 to 9999-12-31");
        }
    }

    @Test
    void exportStreamsAFileNamedForThePassInEachFormat() throws Exception {
        seed(3, "=cmd|' /C calc'!A0", false, 10, now.minus(1, ChronoUnit.HOURS));

        HttpResponse<String> csv = get("/api/v1/passes/" + passId + "/activity/export?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).matches("attachment; filename=\"sentinel-pass-activity-" + passId
                        + "-\\d{8}T\\d{6}Z\\.csv\""));
        assertThat(csv.body().lines()).hasSize(4);
        assertThat(csv.body()).contains("'=cmd|' /C calc'!A0").contains("upstream down");

        HttpResponse<String> jsonl = get("/api/v1/passes/" + passId + "/activity/export?format=jsonl&status=failed");
        assertThat(jsonl.body().lines()).hasSize(3);
        JsonNode json = Json.parse(get("/api/v1/passes/" + passId + "/activity/export?format=json").body());
        assertThat(json).hasSize(3);
        assertThat(get("/api/v1/passes/" + passId + "/activity/export?format=xml").statusCode()).isEqualTo(400);
    }

    @Test
    void exportsOverTheLimitAreRefusedWithTheCount() throws Exception {
        seed(10_001, "/v1/orders", true, 1, now.minus(3, ChronoUnit.HOURS));

        HttpResponse<String> response = get("/api/v1/passes/" + passId + "/activity/export?format=csv");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Json.parse(response.body()).path("detail").asText())
                .contains("10001 records").contains("limit of 10000").contains("narrow the date range");
    }
}

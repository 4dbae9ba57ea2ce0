package dev.sentinel.http.activity;

import dev.sentinel.http.TestServer;
import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestApiTest {

    private static final String ADMIN = "ingest-admin-token-0123456789abcdef";
    private static final String INGEST = "ingest-only-token-0123456789abcdef";

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0).adminToken(ADMIN)
            .ingestToken(INGEST).build().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").build()).pass().passId();

    @AfterEach
    void stop() {
        server.close();
    }

    private String event(int i) {
        return "{\"pass_id\": \"" + passId + "\", \"type\": \"api_request\", \"started_at\": \""
                + Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i) + "\", \"endpoint\": \"/v1/orders\", "
                + "\"http_method\": \"GET\", \"success\": true, \"status_code\": 200, \"duration_ms\": 42, "
                + "\"client_ip\": \"203.0.113.7\", \"user_agent\": \"agent/1.0\", \"error_message\": null, "
                + "\"metadata\": {\"k\": \"v\"}}";
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return post(token, body, null);
    }

    private HttpResponse<String> post(String token, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1/activity"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long stored() {
        return SentinelStorage.of(sentinel).read(session -> session.activity().count(ActivityFilter.all(passId)));
    }

    @Test
    void storesABatchOfAThousandEventsDurablyBeforeReplying() throws Exception {
        String batch = IntStream.range(0, 1000).mapToObj(this::event).collect(Collectors.joining(",", "[", "]"));

        HttpResponse<String> response = post(INGEST, batch);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("accepted").asInt()).isEqualTo(1000);
        assertThat(stored()).isEqualTo(1000);
        List<HourlyUsage> hours = SentinelStorage.of(sentinel).read(session ->
                session.usage().find(passId, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(hours).singleElement().satisfies(hour -> assertThat(hour.total()).isEqualTo(1000));
    }

    @Test
    void theAdminTokenMayIngestButAccessTokensAndStrangersMayNot() throws Exception {
        assertThat(post(ADMIN, "[" + event(1) + "]").statusCode()).isEqualTo(200);
        assertThat(post("someone-else-token-0123456789abcdef", "[" + event(2) + "]").statusCode()).isEqualTo(401);
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void theIngestTokenOpensNothingElse() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1/projects/demo/passes"))
                .header("Authorization", "Bearer " + INGEST).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aBatchRetriedWithItsIdempotencyKeyIsStoredOnceAndTheKeyWithAnotherBodyIs422() throws Exception {
        String batch = "[" + event(1) + "," + event(2) + "]";

        HttpResponse<String> first = post(INGEST, batch, "batch-0001");
        HttpResponse<String> retried = post(INGEST, batch, "batch-0001");
        HttpResponse<String> reused = post(INGEST, "[" + event(3) + "]", "batch-0001");
        HttpResponse<String> otherToken = post(ADMIN, batch, "batch-0001");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(Json.parse(reused.body()).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(otherToken.headers().firstValue("Idempotent-Replayed")).as("keys are scoped to the token").isEmpty();
        assertThat(stored()).isEqualTo(4);
        assertThat(post(INGEST, batch, " ").statusCode()).isEqualTo(400);
    }

    @Test
    void eventsFromTheFarFutureOrBeforeTheRetentionPeriodAreRefusedWithTheirBatch() throws Exception {
        Instant now = Instant.now();
        String fine = event(0).replace("2026-11-26T10:00:00Z", now.toString());
        String future = event(0).replace("2026-11-26T10:00:00Z", now.plus(java.time.Duration.ofHours(1)).toString());
        String ancient = event(0).replace("2026-11-26T10:00:00Z", now.minus(java.time.Duration.ofDays(91)).toString());

        HttpResponse<String> response = post(INGEST, "[" + fine + "," + future + "," + ancient + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = Json.parse(response.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("[1].started_at", "[2].started_at");
        assertThat(errors.findValuesAsText("message")).containsExactly("must not be more than 5 minutes in the future",
                "must be within the retention period (the last 90 days)");
        assertThat(stored()).isZero();
    }

    @Test
    void aBatchWithOneBadEventStoresNothingAndNamesIndexAndField() throws Exception {
        String bad = event(2).replace("\"status_code\": 200", "\"status_code\": 999")
                .replace("\"http_method\": \"GET\"", "\"http_method\": 7");
        String unknownPass = event(3).replace(passId.value(), "SP-2026-NOPE00");

        HttpResponse<String> response = post(INGEST, "[" + event(1) + "," + bad + "," + event(4) + "]");
        HttpResponse<String> missing = post(INGEST, "[" + event(1) + "," + unknownPass + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = Json.parse(response.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("[1].http_method", "[1].status_code");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.body()).path("errors").get(0).path("field").asText()).isEqualTo("[1].pass_id");
        assertThat(stored()).isZero();
    }

    @Test
    void everyBrokenRuleOfEveryEventIsReportedAtOnce() throws Exception {
        String now = Instant.now().toString();
        String fine = event(0).replace("2026-11-26T10:00:00Z", now);
        String everythingWrong = fine.replace("\"status_code\": 200", "\"status_code\": 999")
                .replace("\"duration_ms\": 42", "\"duration_ms\": -1").replace(passId.value(), "SP-2026-NOPE00")
                .replace(now, "2020-01-01T00:00:00Z");
        String onlyUnknownPass = fine.replace(passId.value(), "SP-2026-NOPE01");
        String onlyAncient = fine.replace(now, "2020-06-01T00:00:00Z");

        HttpResponse<String> response = post(INGEST, "[" + fine + "," + everythingWrong + "," + onlyUnknownPass + ","
                + onlyAncient + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("[1].pass_id", "[1].started_at",
                "[1].status_code", "[1].duration_ms", "[2].pass_id", "[3].started_at");
        assertThat(problem.path("errors").findValuesAsText("message")).containsExactly("names no pass",
                "must be within the retention period (the last 90 days)", "must be between 100 and 599",
                "must be between 0 and 86400000", "names no pass",
                "must be within the retention period (the last 90 days)");
        assertThat(problem.path("detail").asText()).isEqualTo("the batch has invalid events (6 problems); nothing was stored");
        assertThat(stored()).isZero();
    }

    @Test
    void aBatchOfWellFormedEventsReportsItsUnknownPassesAndTimesTogether() throws Exception {
        String now = Instant.now().toString();
        String unknownPass = event(0).replace("2026-11-26T10:00:00Z", now).replace(passId.value(), "SP-2026-NOPE00");
        String ancient = event(0).replace("2026-11-26T10:00:00Z", "2020-06-01T00:00:00Z");

        JsonNode problem = Json.parse(post(INGEST, "[" + unknownPass + "," + ancient + "]").body());

        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("[0].pass_id", "[1].started_at");
        assertThat(stored()).isZero();
    }

    @Test
    void oneProblemIsCountedInTheSingular() throws Exception {
        String bad = event(0).replace("2026-11-26T10:00:00Z", Instant.now().toString())
                .replace("\"status_code\": 200", "\"status_code\": 999");

        JsonNode problem = Json.parse(post(INGEST, "[" + bad + "]").body());

        assertThat(problem.path("detail").asText()).isEqualTo("the batch has invalid events (1 problem); nothing was stored");
    }

    @Test
    void anHourOfAPassKeepsAThousandEndpointsByNameAndTheRestAsOther() throws Exception {
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int batch = 0; batch < 2; batch++) {
            int offset = batch * 750;
            String events = IntStream.range(offset, offset + 750).mapToObj(i -> event(0)
                            .replace("2026-11-26T10:00:00Z", hour.plusMillis(i).toString())
                            .replace("/v1/orders", "/v1/orders/" + "x".repeat(1_000) + i))
                    .collect(Collectors.joining(",", "[", "]"));
            assertThat(post(INGEST, events).statusCode()).isEqualTo(200);
        }

        JsonNode metrics = Json.parse(http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1/passes/"
                + passId + "/usage?range=24h")).header("Authorization", "Bearer " + ADMIN).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("metrics");
        List<HourlyUsage> hours = SentinelStorage.of(sentinel).read(session -> session.usage().find(passId, hour,
                hour.plusSeconds(3600)));

        assertThat(metrics.path("total_requests").asLong()).isEqualTo(1_500);
        assertThat(metrics.path("unique_endpoints").asLong()).isEqualTo(HourlyUsage.MAX_ENDPOINTS + 1);
        assertThat(hours).singleElement().satisfies(usage ->
                assertThat(usage.endpoints()).contains(HourlyUsage.OTHER_ENDPOINTS));
    }

    @Test
    void refusesMalformedOversizedAndNonArrayBodies() throws Exception {
        String tooMany = IntStream.range(0, 1001).mapToObj(this::event).collect(Collectors.joining(",", "[", "]"));

        assertThat(post(INGEST, "[{").statusCode()).isEqualTo(400);
        assertThat(post(INGEST, event(1)).statusCode()).isEqualTo(400);
        assertThat(post(INGEST, tooMany).statusCode()).isEqualTo(400);
        assertThat(post(INGEST, "[" + event(1).replace("}}", "}, \"colour\": \"red\"}") + "]").body()).contains("[0].colour");
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1/activity"))
                .header("Authorization", "Bearer " + INGEST).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(stored()).isZero();
    }
}

package dev.sentinel.cli.activity;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.ActivitySeed;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityListCommandTest {

    /** Day one: 20 API requests every minute from 10:00; day two: 6 token generations and 4 errors. */
    private static final Instant DAY_ONE = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-11-26T08:00:00Z");

    @TempDir
    Path dataDir;

    private Cli cli;
    private String passId;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(anEvent(passId).at(DAY_ONE.plusSeconds(60L * i)).withEndpoint("/v1/orders/" + i).build());
        }
        for (int i = 0; i < 6; i++) {
            events.add(anEvent(passId).ofType(ActivityType.TOKEN_GENERATION).at(DAY_TWO.plusSeconds(i))
                    .withEndpoint("/oauth/token").withMethod("POST").withDurationMs(7).build());
        }
        for (int i = 0; i < 4; i++) {
            events.add(anEvent(passId).ofType(ActivityType.ERROR).at(DAY_TWO.plusSeconds(10 + i))
                    .withEndpoint("/oauth/token").withMethod("POST").failed(401, "invalid_client")
                    .withMetadata("{\"attempt\":" + i + "}").build());
        }
        ActivitySeed.record(dataDir, events);
    }

    @Test
    void listsTheFirstPageNewestFirstAsATable() {
        Result result = cli.run("activity", "list", passId);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(27);
        assertThat(lines.get(0)).startsWith("STARTED AT")
                .contains("TYPE", "METHOD", "ENDPOINT", "STATUS", "OK", "DURATION", "IP");
        assertThat(lines.get(1)).startsWith("2026-11-26T08:00:13Z").contains("error", "POST", "/oauth/token", "401",
                "✗", "42 ms", "203.0.113.7");
        assertThat(lines.get(5)).contains("token_generation", "200", "✓", "7 ms");
        assertThat(lines.get(25)).contains("/v1/orders/5 ");
        assertThat(lines.get(26)).isEqualTo("Page 1 of 2 · events 1-25 of 30, newest first");
    }

    @Test
    void pagesThroughTheLog() {
        Result result = cli.run("activity", "list", passId, "--page", "3", "--per-page", "10");

        assertThat(result.out().lines().toList()).hasSize(12).last()
                .isEqualTo("Page 3 of 3 · events 21-30 of 30, newest first");
        assertThat(result.out()).contains("/v1/orders/0 ").doesNotContain("/v1/orders/10 ");
        assertThat(cli.run("activity", "list", passId, "--page", "9").out())
                .isEqualTo("Page 9 of 2: no events on this page (30 in total).\n");
    }

    @Test
    void printsTheHttpApiShapeWithEveryEventField() {
        JsonNode json = cli.run("activity", "list", passId, "--json", "--per-page", "10").json();

        assertThat(fieldNames(json)).containsExactly("items", "page", "per_page", "total", "total_pages", "total_is_estimate");
        assertThat(json.get("total_is_estimate").asBoolean()).isFalse();
        assertThat(json.get("items")).hasSize(10);
        assertThat(json.get("page").asInt()).isEqualTo(1);
        assertThat(json.get("per_page").asInt()).isEqualTo(10);
        assertThat(json.get("total").asLong()).isEqualTo(30);
        assertThat(json.get("total_pages").asLong()).isEqualTo(3);
        JsonNode newest = json.get("items").get(0);
        assertThat(fieldNames(newest)).containsExactly("pass_id", "type", "started_at", "endpoint", "http_method",
                "success", "status_code", "duration_ms", "client_ip", "user_agent", "error_message", "metadata",
                "reported_by");
        assertThat(newest.get("pass_id").asText()).isEqualTo(passId);
        assertThat(newest.get("type").asText()).isEqualTo("error");
        assertThat(newest.get("started_at").asText()).isEqualTo("2026-11-26T08:00:13.000Z");
        assertThat(newest.get("success").asBoolean()).isFalse();
        assertThat(newest.get("status_code").asInt()).isEqualTo(401);
        assertThat(newest.get("error_message").asText()).isEqualTo("invalid_client");
        assertThat(newest.get("client_ip").asText()).isEqualTo("203.0.113.7");
        assertThat(newest.get("user_agent").asText()).isEqualTo("agent/1.0");
        assertThat(newest.get("metadata").get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void filtersByTypeStatusAndEndpoint() {
        assertThat(total("--type", "token_generation")).isEqualTo(6);
        assertThat(total("--type", "ERROR")).isEqualTo(4);
        assertThat(total("--status", "failed")).isEqualTo(4);
        assertThat(total("--status", "success")).isEqualTo(26);
        assertThat(total("--endpoint", "ORDERS/1")).isEqualTo(11);
        assertThat(total("--endpoint", "/oauth", "--status", "success")).isEqualTo(6);
    }

    @Test
    void filtersByDatesWithAnInclusiveEnd() {
        assertThat(total("--start-date", "2026-11-26")).isEqualTo(10);
        assertThat(total("--end-date", "2026-11-25")).isEqualTo(20);
        assertThat(total("--start-date", "2026-11-25T10:05:00Z", "--end-date", "2026-11-25T10:09:00Z")).isEqualTo(5);
        assertThat(total("--start-date", "2026-11-25T10:05:00", "--end-date", "2026-11-25T11:09:00+01:00"))
                .isEqualTo(5);
    }

    @Test
    void saysSoWhenNothingMatches() {
        Result result = cli.run("activity", "list", passId, "--endpoint", "/nowhere");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No activity of " + passId + " matches.\n");
        assertThat(cli.run("activity", "list", passId, "--endpoint", "/nowhere", "--json").json().get("total_pages")
                .asLong()).isZero();
    }

    @Test
    void everyBadValueNamesItsOptionAndTheAllowedValues() {
        assertFails("error: type (--type): must be one of api_request, token_generation, error (got 'request')",
                "--type", "request");
        assertFails("error: status (--status): must be one of success, failed (got 'ok')", "--status", "ok");
        assertFails("error: endpoint (--endpoint): must be at most 200 characters", "--endpoint", "x".repeat(201));
        assertFails("error: start_date (--start-date): must be an ISO-8601 date (2026-11-26) or date-time "
                + "(2026-11-26T10:00:00Z) (got '2026-13-01')", "--start-date", "2026-13-01");
        assertFails("error: end_date (--end-date): must be an ISO-8601 date", "--end-date", "yesterday");
        assertFails("error: end_date (--end-date): must be after start_date",
                "--start-date", "2026-11-26", "--end-date", "2026-11-25");
        assertFails("error: page (--page): must be a whole number from 1 (got 'two')", "--page", "two");
        assertFails("error: page (--page): must be 1 or more (got 0)", "--page", "0");
        assertFails("error: per_page (--per-page): must be one of 10, 25, 50, 100 (got 30)", "--per-page", "30");
        assertFails("error: per_page (--per-page): must be one of 10, 25, 50, 100 (got 'all')", "--per-page", "all");
    }

    @Test
    void reportsEveryBadValueAtOnceOnOneLine() {
        Result result = cli.run("activity", "list", passId, "--type", "x", "--status", "y", "--per-page", "7");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("type (--type)", "; status (--status)", "; per_page (--per-page)");
    }

    @Test
    void unknownAndMalformedPasses() {
        assertThat(cli.run("activity", "list", "SP-2020-ZZZZZZ").err())
                .isEqualTo("error: no pass with pass_id SP-2020-ZZZZZZ\n");
        assertThat(cli.run("activity", "list", "bad").exitCode()).isEqualTo(2);
        assertThat(cli.run("activity").exitCode()).isEqualTo(2);
    }

    private long total(String... filter) {
        List<String> args = new ArrayList<>(List.of("activity", "list", passId, "--json"));
        args.addAll(List.of(filter));
        Result result = cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json().get("total").asLong();
    }

    private void assertFails(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("activity", "list", passId));
        args.addAll(List.of(options));
        Result result = cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", options)).isEqualTo(1);
        assertThat(result.err()).as(String.join(" ", options)).startsWith(message).endsWith("\n");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}

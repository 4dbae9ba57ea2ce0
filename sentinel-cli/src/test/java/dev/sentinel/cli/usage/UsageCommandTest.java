package dev.sentinel.cli.usage;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.ActivitySeed;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.activity.ActivityEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {

    @TempDir
    Path dataDir;

    private Cli cli;
    private String passId;
    private Instant hourAgo;

    @BeforeEach
    void setUp() throws InterruptedException {
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
        hourAgo = currentHourNotAboutToEnd().minus(1, ChronoUnit.HOURS);
    }

    /** The current hour, after waiting for the next one if this one ends within a minute, so points don't shift. */
    private static Instant currentHourNotAboutToEnd() throws InterruptedException {
        Instant now = Instant.now();
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        if (Duration.between(now, nextHour).compareTo(Duration.ofMinutes(1)) < 0) {
            Thread.sleep(Duration.between(now, nextHour).toMillis() + 100);
            return nextHour;
        }
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    /** 20 requests an hour ago (2 failed, 100 ms each) and 10 five hours ago (300 ms each) on two endpoints. */
    private void seedTwoBusyHours() {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ActivitySeed.Builder event = anEvent(passId).at(hourAgo.plusSeconds(i)).withDurationMs(100);
            events.add(i < 2 ? event.failed(500, "boom").build() : event.build());
        }
        for (int i = 0; i < 10; i++) {
            events.add(anEvent(passId).at(hourAgo.minus(4, ChronoUnit.HOURS).plusSeconds(i)).withEndpoint("/v1/items")
                    .withDurationMs(300).build());
        }
        ActivitySeed.record(dataDir, events);
    }

    @Test
    void showsTheMetricsOfTheLast24Hours() {
        seedTwoBusyHours();

        Result result = cli.run("usage", passId);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage of " + passId + " over the last 24 hours (hourly points, UTC)\n")
                .contains("Total requests    30\n", "Success rate      93.3 %\n",
                        "Average latency   166.7 ms (green)\n", "p95 latency       300 ms\n",
                        "Unique endpoints  2\n", "Error rate        6.7 %  ⚠ above 5.0 %\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void drawsRequestsAndSuccessRateOverALabelledTimeAxis() {
        seedTwoBusyHours();

        List<String> lines = cli.run("usage", passId).out().lines().toList();

        String requests = lines.stream().filter(line -> line.startsWith("Requests ")).findFirst().orElseThrow();
        String success = lines.stream().filter(line -> line.startsWith("Success rate  ")).reduce((a, b) -> b).orElseThrow();
        String axis = lines.get(lines.size() - 1);
        assertThat(requests).contains("██", "▄▄", "peak 20 per hour");
        assertThat(requests.substring(14, 14 + 48)).matches("[·▁▂▃▄▅▆▇█]{48}");
        assertThat(success).contains("▇▇", "██", "·").endsWith("0-100 %");
        String firstHour = hourAgo.minus(22, ChronoUnit.HOURS).toString().substring(11, 16);
        assertThat(axis).startsWith(" ".repeat(14) + firstHour).endsWith("UTC").matches(".*(\\d\\d:00 +){4}UTC");
        // The busiest hour is the second to last point: its bar is two characters, the current hour follows.
        assertThat(requests.substring(14 + 44, 14 + 48)).isEqualTo("██··");
    }

    @Test
    void labelsDailyRangesByDate() {
        seedTwoBusyHours();

        Result week = cli.run("usage", passId, "--range", "7d");
        Result month = cli.run("usage", passId, "--range", "30d");

        assertThat(week.out()).contains("over the last 7 days (daily points, UTC)", "peak ", " per day");
        assertThat(week.out().lines().reduce((a, b) -> b).orElseThrow()).matches(" {14}(\\d\\d-\\d\\d ){7}UTC");
        assertThat(month.out()).contains("over the last 30 days (daily points, UTC)");
        assertThat(month.out().lines().reduce((a, b) -> b).orElseThrow()).matches(" {14}(\\d\\d-\\d\\d +){5}UTC");
    }

    @Test
    void latencyClassAndNoWarningWhenErrorsAreRare() {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(anEvent(passId).at(hourAgo.plusSeconds(i)).withDurationMs(700).build());
        }
        ActivitySeed.record(dataDir, events);

        Result result = cli.run("usage", passId);

        assertThat(result.out()).contains("Average latency   700.0 ms (red)", "Error rate        0.0 %\n")
                .doesNotContain("⚠");
    }

    @Test
    void anUnusedPassShowsNoFiguresAndAnEmptyChart() {
        Result result = cli.run("usage", passId, "--range", "30d");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Total requests    0\n", "Success rate      -\n", "Average latency   -\n",
                "no requests", "·".repeat(60));
    }

    @Test
    void printsTheHttpApiShapeAsJson() {
        seedTwoBusyHours();

        JsonNode json = cli.run("usage", passId, "--json").json();

        assertThat(fieldNames(json)).containsExactly("range", "resolution", "timeline", "metrics");
        assertThat(json.get("range").asText()).isEqualTo("24h");
        assertThat(json.get("resolution").asText()).isEqualTo("hour");
        assertThat(json.get("timeline")).hasSize(24);
        JsonNode busiest = json.get("timeline").get(22);
        assertThat(fieldNames(busiest)).containsExactly("start", "total_requests", "success_count", "error_count",
                "avg_latency_ms");
        assertThat(busiest.get("start").asText()).isEqualTo(dev.sentinel.core.wire.Timestamps.format(hourAgo));
        assertThat(busiest.get("total_requests").asLong()).isEqualTo(20);
        assertThat(busiest.get("success_count").asLong()).isEqualTo(18);
        assertThat(busiest.get("error_count").asLong()).isEqualTo(2);
        assertThat(busiest.get("avg_latency_ms").asDouble()).isEqualTo(100.0);
        JsonNode metrics = json.get("metrics");
        assertThat(fieldNames(metrics)).containsExactly("total_requests", "success_rate", "avg_latency_ms",
                "latency_class", "p95_latency_ms", "unique_endpoints", "error_rate", "error_rate_warning");
        assertThat(metrics.get("total_requests").asLong()).isEqualTo(30);
        assertThat(metrics.get("success_rate").asDouble()).isEqualTo(93.33);
        assertThat(metrics.get("latency_class").asText()).isEqualTo("green");
        assertThat(metrics.get("p95_latency_ms").asLong()).isEqualTo(300);
        assertThat(metrics.get("unique_endpoints").asInt()).isEqualTo(2);
        assertThat(metrics.get("error_rate").asDouble()).isEqualTo(6.67);
        assertThat(metrics.get("error_rate_warning").asBoolean()).isTrue();
    }

    @Test
    void dailyRangesHaveOnePointADay() {
        JsonNode week = cli.run("usage", passId, "--range", "7D", "--json").json();
        JsonNode month = cli.run("usage", passId, "--range", "30d", "--json").json();

        assertThat(week.get("resolution").asText()).isEqualTo("day");
        assertThat(week.get("timeline")).hasSize(7);
        assertThat(month.get("range").asText()).isEqualTo("30d");
        assertThat(month.get("timeline")).hasSize(30);
    }

    @Test
    void badRangeNamesTheOptionAndTheAllowedValues() {
        Result result = cli.run("usage", passId, "--range", "1y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: range (--range): must be one of 24h, 7d, 30d (got '1y')\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownAndMalformedPasses() {
        assertThat(cli.run("usage", "SP-2020-ZZZZZZ").err()).isEqualTo("error: no pass with pass_id SP-2020-ZZZZZZ\n");
        assertThat(cli.run("usage", "SP-2020-ZZZZZZ").exitCode()).isEqualTo(1);
        assertThat(cli.run("usage", "nope").exitCode()).isEqualTo(2);
        assertThat(cli.run("usage").exitCode()).isEqualTo(2);
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}

package dev.sentinel.cli;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.activity.ActivityEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pass show}, {@code usage} and {@code activity list} show the same data in the same forms — counts grouped
 * with commas, percentages with one decimal, durations in ms, instants to the second with Z — whatever the default
 * locale of the JVM.
 */
class ConsistentFiguresTest {

    /** 1,001 requests: 948 of 42 ms, then 53 failures of 1,250 ms, the newest at a time with milliseconds. */
    private static final int REQUESTS = 1_001;
    private static final int FAILURES = 53;

    @TempDir
    Path dataDir;

    private Cli cli;
    private String passId;
    private Instant newest;
    private Locale original;

    @BeforeEach
    void seed() {
        original = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
        // Within one past hour, so the usage chart has them in one point: from minute 3 to minute 20 of an hour that
        // began at least 30 minutes ago.
        newest = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.HOURS)
                .plus(20, ChronoUnit.MINUTES).plusSeconds(7).plusMillis(250);
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Instant at = newest.minusSeconds(REQUESTS - 1 - i);
            events.add(i < REQUESTS - FAILURES ? anEvent(passId).at(at).build()
                    : anEvent(passId).at(at).withDurationMs(1_250).failed(503, "upstream unavailable").build());
        }
        ActivitySeed.record(dataDir, events);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(original);
    }

    @Test
    void theThreeCommandsShowTheSameFiguresInTheSameForms() {
        String lastUsed = newest.truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(newest.toString()).as("the newest event has milliseconds").endsWith(":07.250Z");

        Result show = cli.run("pass", "show", passId);
        Result usage = cli.run("usage", passId);
        Result activity = cli.run("activity", "list", passId, "--per-page", "10");

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(usage.exitCode()).as(usage.err()).isZero();
        assertThat(activity.exitCode()).as(activity.err()).isZero();
        // (948 × 42 + 53 × 1,250) / 1,001 = 105.96 ms; 948 / 1,001 = 94.71 %; 53 / 1,001 = 5.29 %
        assertThat(show.out()).contains("Total requests     1,001\n", "Success rate       94.7 %\n",
                "Average latency    106.0 ms\n", "Last used          " + lastUsed + "\n");
        assertThat(usage.out()).contains("Total requests    1,001\n", "Success rate      94.7 %\n",
                "Average latency   106.0 ms (green)\n", "Error rate        5.3 %  ⚠ above 5.0 %\n", "peak 1,001 per hour");
        List<String> rows = activity.out().lines().toList();
        assertThat(rows.get(1)).startsWith(lastUsed + "  ").contains("1,250 ms", "503");
        assertThat(rows.get(rows.size() - 1)).isEqualTo("Page 1 of 101 · events 1-10 of 1,001, newest first");
        assertThat(show.out() + activity.out()).doesNotContain(newest.toString()).doesNotContainPattern("\\d,\\d ");
    }

    @Test
    void projectListAndTheRegenerateNoteUseTheSameTimeForm() {
        String lastActivity = newest.truncatedTo(ChronoUnit.SECONDS).toString();

        Result projects = cli.run("project", "list");
        Result regenerated = cli.run("pass", "regenerate", passId, "--grace", "1h");

        assertThat(projects.out().lines().toList().get(1).split(" +")).containsExactly("demo", "1", lastActivity);
        assertThat(regenerated.exitCode()).as(regenerated.err()).isZero();
        assertThat(regenerated.err()).containsPattern("keeps working until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.\n");
        assertThat(regenerated.json().get("previous_secret_valid_until").asText()).as("JSON keeps the full precision")
                .matches(".*\\.\\d+Z");
    }

    @Test
    void timesOfThePassItselfAreToTheSecond() {
        Result show = cli.run("pass", "show", passId);

        assertThat(show.out().lines().filter(line -> line.startsWith("Created") || line.startsWith("Updated")))
                .hasSize(2).allMatch(line -> line.matches("\\w+ +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }
}

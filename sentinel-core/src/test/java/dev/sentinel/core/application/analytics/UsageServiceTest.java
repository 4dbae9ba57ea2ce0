package dev.sentinel.core.application.analytics;

import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageServiceTest {

    private final MutableClock clock = MutableClock.at("2026-11-26T10:30:00Z");
    private final Sentinel sentinel = Sentinel.builder().clock(clock).build();
    private final UsageService usage = new UsageService(SentinelStorage.of(sentinel), clock);
    private final StoringActivityRecorder recorder = new StoringActivityRecorder(SentinelStorage.of(sentinel));
    private final PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
            .agentType("bot").build()).pass().passId();

    private ActivityEvent event(String at, String endpoint, boolean success, long durationMs) {
        return new ActivityEvent(passId, success ? ActivityType.API_REQUEST : ActivityType.ERROR, Instant.parse(at),
                endpoint, "GET", success, success ? 200 : 500, durationMs, Optional.empty(), Optional.empty(),
                Optional.empty(), "{}");
    }

    @Test
    void twentyFourHoursGiveTwentyFourZeroFilledHourlyPointsEndingWithTheCurrentHour() {
        recorder.recordAll(List.of(event("2026-11-26T10:05:00Z", "/a", true, 100),
                event("2026-11-26T10:10:00Z", "/a", false, 300),
                event("2026-11-26T08:59:59Z", "/b", true, 50),
                event("2026-11-25T10:59:59Z", "/old", true, 10)));

        UsageReport report = usage.usage(passId, UsageRange.LAST_24_HOURS);

        assertThat(report.timeline()).hasSize(24);
        assertThat(report.timeline().get(0).start()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        UsagePoint current = report.timeline().get(23);
        assertThat(current.start()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(current.totalRequests()).isEqualTo(2);
        assertThat(current.successCount()).isEqualTo(1);
        assertThat(current.errorCount()).isEqualTo(1);
        assertThat(current.avgLatencyMs()).isEqualTo(200.0);
        assertThat(current.successRate()).isEqualTo(50.0);
        assertThat(report.timeline().get(21).totalRequests()).isEqualTo(1);
        assertThat(report.timeline().get(22).totalRequests()).isZero();
        assertThat(report.metrics().totalRequests()).isEqualTo(3);
        assertThat(report.metrics().uniqueEndpoints()).isEqualTo(2);
    }

    @Test
    void sevenAndThirtyDaysGiveDailyPoints() {
        recorder.recordAll(List.of(event("2026-11-20T00:00:00Z", "/a", true, 10),
                event("2026-11-20T23:59:59Z", "/a", true, 30),
                event("2026-10-28T12:00:00Z", "/a", true, 10),
                event("2026-10-27T23:00:00Z", "/outside", true, 10)));

        UsageReport week = usage.usage(passId, UsageRange.LAST_7_DAYS);
        UsageReport month = usage.usage(passId, UsageRange.LAST_30_DAYS);

        assertThat(week.timeline()).hasSize(7);
        assertThat(week.timeline().get(0).start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(week.timeline().get(0).totalRequests()).isEqualTo(2);
        assertThat(week.timeline().get(0).avgLatencyMs()).isEqualTo(20.0);
        assertThat(week.range().resolutionName()).isEqualTo("day");
        assertThat(month.timeline()).hasSize(30);
        assertThat(month.timeline().get(0).start()).isEqualTo(Instant.parse("2026-10-28T00:00:00Z"));
        assertThat(month.metrics().totalRequests()).isEqualTo(3);
    }

    @Test
    void metricsColourLatencyAndWarnAboveFivePercentErrors() {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < 94; i++) {
            events.add(event("2026-11-26T09:00:00Z", "/ok", true, 100));
        }
        for (int i = 0; i < 6; i++) {
            events.add(event("2026-11-26T09:30:00Z", "/slow", false, 2000));
        }
        recorder.recordAll(events);

        UsageMetrics metrics = usage.usage(passId, UsageRange.LAST_24_HOURS).metrics();

        assertThat(metrics.totalRequests()).isEqualTo(100);
        assertThat(metrics.successRate()).isEqualTo(94.0);
        assertThat(metrics.errorRate()).isEqualTo(6.0);
        assertThat(metrics.errorRateWarning()).isTrue();
        assertThat(metrics.avgLatencyMs()).isEqualTo(214.0);
        assertThat(metrics.latencyClass()).isEqualTo(LatencyClass.YELLOW);
        assertThat(metrics.p95LatencyMs()).isEqualTo(2000);
    }

    @Test
    void exactlyFivePercentErrorsGiveNoWarning() {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event("2026-11-26T09:00:00Z", "/x", i != 0, 10));
        }
        recorder.recordAll(events);

        UsageMetrics metrics = usage.usage(passId, UsageRange.LAST_24_HOURS).metrics();

        assertThat(metrics.errorRate()).isEqualTo(5.0);
        assertThat(metrics.errorRateWarning()).isFalse();
        assertThat(metrics.p95LatencyMs()).isEqualTo(10);
    }

    @Test
    void latencyClassBoundaries() {
        assertThat(LatencyClass.of(199.99)).isEqualTo(LatencyClass.GREEN);
        assertThat(LatencyClass.of(200)).isEqualTo(LatencyClass.YELLOW);
        assertThat(LatencyClass.of(500)).isEqualTo(LatencyClass.YELLOW);
        assertThat(LatencyClass.of(500.01)).isEqualTo(LatencyClass.RED);
    }

    @Test
    void anEmptyRangeHasZeroMetrics() {
        UsageMetrics metrics = usage.usage(passId, UsageRange.LAST_30_DAYS).metrics();

        assertThat(metrics).isEqualTo(new UsageMetrics(0, 0, 0, LatencyClass.GREEN, 0, 0, 0, false));
    }

    @Test
    void overviewSumsTheWholeLifetimeAndKnowsTheLastUse() {
        recorder.recordAll(List.of(event("2025-01-01T00:00:00Z", "/a", true, 10),
                event("2026-11-26T10:00:00Z", "/a", false, 30)));

        PassOverview overview = usage.overview(passId);

        assertThat(overview.totalRequests()).isEqualTo(2);
        assertThat(overview.successRate()).isEqualTo(50.0);
        assertThat(overview.avgLatencyMs()).isEqualTo(20.0);
        assertThat(overview.lastUsed()).contains(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void aProjectsListCarriesEachPassesOverviewFiguresInTheListsOrder() {
        recorder.recordAll(List.of(event("2025-01-01T00:00:00Z", "/a", true, 10),
                event("2026-11-26T10:00:00Z", "/a", false, 30)));
        clock.advance(Duration.ofMinutes(1));
        PassId unused = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Idle")
                .agentType("bot").build()).pass().passId();

        List<PassOverview> listed = usage.passes(new dev.sentinel.core.domain.ProjectId("demo"));

        assertThat(listed).extracting(overview -> overview.pass().passId()).containsExactly(passId, unused);
        assertThat(listed.get(0)).isEqualTo(usage.overview(passId));
        assertThat(listed.get(1)).isEqualTo(usage.overview(unused));
        assertThat(listed.get(1).totalRequests()).isZero();
        assertThat(listed.get(1).lastUsed()).isEmpty();
        assertThat(usage.passes(new dev.sentinel.core.domain.ProjectId("empty"))).isEmpty();
    }

    @Test
    void rollupsOutliveRetentionPurges() {
        recorder.recordAll(List.of(event("2026-07-01T00:00:00Z", "/a", true, 10),
                event("2026-11-26T10:00:00Z", "/a", true, 30)));

        long purged = new ActivityRetention(SentinelStorage.of(sentinel), clock, ActivityRetention.DEFAULT).purge();

        assertThat(purged).isEqualTo(1);
        assertThat(usage.overview(passId).totalRequests()).isEqualTo(2);
        assertThatThrownBy(() -> new ActivityRetention(SentinelStorage.of(sentinel), clock, Duration.ofHours(1)))
                .isInstanceOf(ValidationException.class).hasMessage("activity_retention: must be at least 1 day");
    }

    @Test
    void unknownPassesAndRangesAreRefused() {
        assertThatThrownBy(() -> usage.usage(new PassId("SP-2026-NOPE00"), UsageRange.LAST_24_HOURS))
                .isInstanceOf(PassNotFoundException.class);
        assertThatThrownBy(() -> UsageRange.parse("1y")).isInstanceOf(ValidationException.class)
                .hasMessage("range: must be one of 24h, 7d, 30d (got '1y')");
        assertThat(UsageRange.parse(null)).isEqualTo(UsageRange.LAST_24_HOURS);
    }
}

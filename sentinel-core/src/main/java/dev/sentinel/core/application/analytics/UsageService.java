package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.domain.activity.LatencyHistogram;
import dev.sentinel.core.domain.activity.PassUse;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Usage analytics read from hourly rollups only, so a 30-day view costs at most 720 rollup rows however many raw
 * events there are. Thread-safe.
 */
public final class UsageService {

    private static final Instant BEGINNING = Instant.EPOCH;

    private final Storage storage;
    private final Clock clock;

    public UsageService(Storage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The timeline (zero-filled, oldest first) and metrics of the pass over the range ending now. */
    public UsageReport usage(PassId passId, UsageRange range) {
        Instant now = clock.instant();
        Instant first = range.firstPointAt(now);
        Instant end = first.plus(range.step().multipliedBy(range.points()));
        List<HourlyUsage> rollups = storage.read(session -> {
            requirePass(session, passId);
            return session.usage().find(passId, first, end);
        });
        List<UsagePoint> timeline = new ArrayList<>(range.points());
        int next = 0;
        for (int i = 0; i < range.points(); i++) {
            Instant start = first.plus(range.step().multipliedBy(i));
            Instant stop = start.plus(range.step());
            Totals bucket = new Totals();
            while (next < rollups.size() && rollups.get(next).hour().isBefore(stop)) {
                bucket.add(rollups.get(next++));
            }
            timeline.add(new UsagePoint(start, bucket.total, bucket.successes, bucket.errors,
                    Percent.average(bucket.latencySum, bucket.total)));
        }
        return new UsageReport(range, timeline, metrics(rollups));
    }

    /** Lifetime totals of the pass and its last use. */
    public PassOverview overview(PassId passId) {
        return storage.read(session -> {
            SentinelPass pass = requirePass(session, passId);
            Totals totals = new Totals();
            session.usage().find(passId, BEGINNING, clock.instant().plus(1, ChronoUnit.DAYS)).forEach(totals::add);
            Optional<Instant> lastUsed = session.activity().lastUsed(passId);
            return new PassOverview(pass, totals.total, Percent.of(totals.successes, totals.total),
                    Percent.average(totals.latencySum, totals.total), lastUsed);
        });
    }

    /**
     * The project's passes, oldest first, each with the lifetime figures its Overview shows (requests, success rate,
     * average latency, last use). The figures of the whole project come from one read ({@code Passes.useByProject}),
     * not one per pass.
     */
    public List<PassOverview> passes(ProjectId project) {
        return storage.read(session -> {
            Map<PassId, PassUse> use = session.passes().useByProject(project);
            return session.passes().listByProject(project).stream()
                    .flatMap(pass -> session.agentUsers().find(pass.clientId()).map(agent -> new SentinelPass(agent, pass)).stream())
                    .map(pass -> overviewOf(pass, use.getOrDefault(pass.passId(), PassUse.NONE)))
                    .toList();
        });
    }

    private static PassOverview overviewOf(SentinelPass pass, PassUse use) {
        return new PassOverview(pass, use.totalRequests(), Percent.of(use.successes(), use.totalRequests()),
                Percent.average(use.latencySumMs(), use.totalRequests()), use.lastUsed());
    }

    static UsageMetrics metrics(List<HourlyUsage> rollups) {
        Totals totals = new Totals();
        rollups.forEach(totals::add);
        double average = Percent.average(totals.latencySum, totals.total);
        double errorRate = Percent.of(totals.errors, totals.total);
        return new UsageMetrics(totals.total, Percent.of(totals.successes, totals.total), average,
                LatencyClass.of(average), totals.histogram.quantileUpperBoundMs(0.95), totals.endpoints.size(),
                errorRate, errorRate > UsageMetrics.ERROR_RATE_WARNING_PERCENT);
    }

    private static SentinelPass requirePass(StorageSession session, PassId passId) {
        return session.passes().find(passId)
                .flatMap(pass -> session.agentUsers().find(pass.clientId()).map(agent -> new SentinelPass(agent, pass)))
                .orElseThrow(() -> new PassNotFoundException(passId.value()));
    }

    /** Running sums over rollups. */
    private static final class Totals {
        long total;
        long successes;
        long errors;
        long latencySum;
        LatencyHistogram histogram = LatencyHistogram.empty();
        final Set<String> endpoints = new HashSet<>();

        void add(HourlyUsage rollup) {
            total += rollup.total();
            successes += rollup.successes();
            errors += rollup.errors();
            latencySum += rollup.latencySumMs();
            histogram = histogram.plus(rollup.histogram());
            endpoints.addAll(rollup.endpoints());
        }
    }
}

package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.PassId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rollup of one pass's events in one UTC hour: counts, latency sum and histogram, and the distinct endpoints.
 * Every event counts as {@link ActivityEvent#attempts()} requests; {@code errors} are those that did not succeed.
 */
public record HourlyUsage(PassId passId, Instant hour, long total, long successes, long errors, long latencySumMs,
                          LatencyHistogram histogram, Set<String> endpoints) {

    public HourlyUsage {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(histogram, "histogram");
        endpoints = Set.copyOf(endpoints);
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new IllegalArgumentException("an hourly rollup starts on the hour");
        }
    }

    public static HourlyUsage empty(PassId passId, Instant hour) {
        return new HourlyUsage(passId, hour, 0, 0, 0, 0, LatencyHistogram.empty(), Set.of());
    }

    /** Folds one event into this rollup. */
    public HourlyUsage plus(ActivityEvent event) {
        Set<String> nextEndpoints = new HashSet<>(endpoints);
        nextEndpoints.add(event.endpoint());
        long attempts = event.attempts();
        return new HourlyUsage(passId, hour, total + attempts, successes + (event.success() ? attempts : 0),
                errors + (event.success() ? 0 : attempts), latencySumMs + event.durationMs() * attempts,
                histogram.plus(event.durationMs(), attempts), nextEndpoints);
    }

    /**
     * Rolls a batch of events of many passes and hours into one rollup per pass and hour, in order of first
     * appearance. Sums are mutable while rolling up, so the cost is one map lookup per event, not a copy.
     */
    public static List<HourlyUsage> rollUp(List<ActivityEvent> events) {
        java.util.Map<PassId, java.util.Map<Instant, Sums>> byPass = new java.util.LinkedHashMap<>();
        for (ActivityEvent event : events) {
            byPass.computeIfAbsent(event.passId(), pass -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(event.startedAt().truncatedTo(ChronoUnit.HOURS), hour -> new Sums())
                    .add(event);
        }
        List<HourlyUsage> rollups = new java.util.ArrayList<>();
        byPass.forEach((pass, hours) -> hours.forEach((hour, sums) -> rollups.add(sums.toRollup(pass, hour))));
        return rollups;
    }

    /** Running sums of one pass and hour while rolling up a batch. */
    private static final class Sums {
        private long total;
        private long successes;
        private long latency;
        private final long[] buckets = new long[LatencyHistogram.BUCKETS];
        private final Set<String> endpoints = new HashSet<>();

        void add(ActivityEvent event) {
            long attempts = event.attempts();
            total += attempts;
            successes += event.success() ? attempts : 0;
            latency += event.durationMs() * attempts;
            buckets[LatencyHistogram.bucketOf(event.durationMs())] += attempts;
            endpoints.add(event.endpoint());
        }

        HourlyUsage toRollup(PassId passId, Instant hour) {
            return new HourlyUsage(passId, hour, total, successes, total - successes, latency,
                    LatencyHistogram.of(buckets), endpoints);
        }
    }

    /** Adds another rollup of the same pass and hour. */
    public HourlyUsage merge(HourlyUsage other) {
        Set<String> nextEndpoints = new HashSet<>(endpoints);
        nextEndpoints.addAll(other.endpoints);
        return new HourlyUsage(passId, hour, total + other.total, successes + other.successes, errors + other.errors,
                latencySumMs + other.latencySumMs, histogram.plus(other.histogram), nextEndpoints);
    }
}

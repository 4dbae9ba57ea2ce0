package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.PassId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rollup of one pass's events in one UTC hour: counts, latency sum and histogram, and the distinct endpoints.
 * Every event counts as {@link ActivityEvent#attempts()} requests; {@code errors} are those that did not succeed.
 *
 * <p>A stored hour keeps at most {@value #MAX_ENDPOINTS} distinct endpoints by name; the endpoints it meets after that
 * are kept as one entry, {@value #OTHER_ENDPOINTS} (their requests still count in every total). Without the cap an
 * ingest key could grow an hour's set without bound with distinct 2 KB endpoints, and every later write and usage read
 * loads the whole set (22 ms to 55 ms at 5,000). Stores apply the cap through {@link #endpointsToAdd}.
 */
public record HourlyUsage(PassId passId, Instant hour, long total, long successes, long errors, long latencySumMs,
                          LatencyHistogram histogram, Set<String> endpoints) {

    /** The most distinct endpoints a stored hour of a pass keeps by name. */
    public static final int MAX_ENDPOINTS = 1_000;
    /** The one entry that stands for every endpoint of an hour beyond {@link #MAX_ENDPOINTS}. */
    public static final String OTHER_ENDPOINTS = "(other)";

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

    /**
     * What an hour's endpoint set that holds {@code known} gains from the endpoints {@code seen}, in their order: each
     * endpoint it lacks while fewer than {@link #MAX_ENDPOINTS} are known by name, then {@link #OTHER_ENDPOINTS} once
     * (when not already there) for the rest.
     */
    public static List<String> endpointsToAdd(Set<String> known, Collection<String> seen) {
        int named = known.size() - (known.contains(OTHER_ENDPOINTS) ? 1 : 0);
        boolean other = known.contains(OTHER_ENDPOINTS);
        Set<String> added = new LinkedHashSet<>();
        for (String endpoint : seen) {
            if (known.contains(endpoint) || added.contains(endpoint)) {
                continue;
            }
            if (named < MAX_ENDPOINTS && !endpoint.equals(OTHER_ENDPOINTS)) {
                added.add(endpoint);
                named++;
            } else if (!other) {
                added.add(OTHER_ENDPOINTS);
                other = true;
            }
        }
        return List.copyOf(added);
    }

    /** Folds one event into this rollup. */
    public HourlyUsage plus(ActivityEvent event) {
        Set<String> nextEndpoints = new HashSet<>(endpoints);
        nextEndpoints.addAll(endpointsToAdd(endpoints, List.of(event.endpoint())));
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

    /** Adds another rollup of the same pass and hour; its endpoints join this one's within {@link #MAX_ENDPOINTS}. */
    public HourlyUsage merge(HourlyUsage other) {
        Set<String> nextEndpoints = new HashSet<>(endpoints);
        nextEndpoints.addAll(endpointsToAdd(endpoints, other.endpoints));
        return new HourlyUsage(passId, hour, total + other.total, successes + other.successes, errors + other.errors,
                latencySumMs + other.latencySumMs, histogram.plus(other.histogram), nextEndpoints);
    }
}

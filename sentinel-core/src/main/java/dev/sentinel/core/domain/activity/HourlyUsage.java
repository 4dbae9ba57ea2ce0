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
 * Every event counts as a request; {@code errors} are the events that did not succeed.
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
        return new HourlyUsage(passId, hour, total + 1, successes + (event.success() ? 1 : 0),
                errors + (event.success() ? 0 : 1), latencySumMs + event.durationMs(),
                histogram.plus(event.durationMs()), nextEndpoints);
    }

    /** Rolls a batch of events of many passes and hours into one rollup per pass and hour. */
    public static List<HourlyUsage> rollUp(List<ActivityEvent> events) {
        java.util.Map<String, HourlyUsage> byKey = new java.util.LinkedHashMap<>();
        for (ActivityEvent event : events) {
            Instant hour = event.startedAt().truncatedTo(ChronoUnit.HOURS);
            String key = event.passId().value() + '@' + hour;
            byKey.merge(key, empty(event.passId(), hour).plus(event), HourlyUsage::merge);
        }
        return List.copyOf(byKey.values());
    }

    /** Adds another rollup of the same pass and hour. */
    public HourlyUsage merge(HourlyUsage other) {
        Set<String> nextEndpoints = new HashSet<>(endpoints);
        nextEndpoints.addAll(other.endpoints);
        return new HourlyUsage(passId, hour, total + other.total, successes + other.successes, errors + other.errors,
                latencySumMs + other.latencySumMs, histogram.plus(other.histogram), nextEndpoints);
    }
}

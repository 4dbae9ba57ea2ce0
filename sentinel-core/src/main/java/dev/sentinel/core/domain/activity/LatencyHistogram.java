package dev.sentinel.core.domain.activity;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of request durations in fixed buckets, fine enough for a p95 within one bucket. Bucket {@code i} holds
 * durations up to and including {@link #UPPER_BOUNDS_MS}{@code [i]}; the last bucket holds everything longer.
 * Immutable.
 */
public final class LatencyHistogram {

    /** Upper bounds in milliseconds of every bucket but the last. */
    public static final List<Long> UPPER_BOUNDS_MS = List.of(1L, 2L, 3L, 5L, 8L, 10L, 15L, 20L, 30L, 50L, 75L, 100L,
            150L, 200L, 300L, 500L, 750L, 1000L, 1500L, 2000L, 3000L, 5000L, 10000L, 30000L);
    public static final int BUCKETS = UPPER_BOUNDS_MS.size() + 1;
    private static final long[] BOUNDS = UPPER_BOUNDS_MS.stream().mapToLong(Long::longValue).toArray();

    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(new long[BUCKETS]);
    }

    public static LatencyHistogram of(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a latency histogram has " + BUCKETS + " buckets");
        }
        return new LatencyHistogram(counts.clone());
    }

    public static int bucketOf(long durationMs) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (durationMs <= BOUNDS[i]) {
                return i;
            }
        }
        return BUCKETS - 1;
    }

    public LatencyHistogram plus(long durationMs) {
        return plus(durationMs, 1);
    }

    /** {@code times} more requests that took {@code durationMs} each. */
    public LatencyHistogram plus(long durationMs, long times) {
        long[] next = counts.clone();
        next[bucketOf(durationMs)] += times;
        return new LatencyHistogram(next);
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        long[] next = counts.clone();
        for (int i = 0; i < BUCKETS; i++) {
            next[i] += other.counts[i];
        }
        return new LatencyHistogram(next);
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The upper bound of the bucket holding the given quantile (0 &lt; q ≤ 1), or 0 when empty; durations beyond the
     * last bound report that bound.
     */
    public long quantileUpperBoundMs(double quantile) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < UPPER_BOUNDS_MS.size() ? UPPER_BOUNDS_MS.get(i) : UPPER_BOUNDS_MS.get(UPPER_BOUNDS_MS.size() - 1);
            }
        }
        return UPPER_BOUNDS_MS.get(UPPER_BOUNDS_MS.size() - 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }
}

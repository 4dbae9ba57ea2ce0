package dev.sentinel.http.throttle;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One token bucket per key (an address, or a client id and an address), created on the first failure and forgotten
 * once full again and idle. Bounded: under a flood of distinct keys the least recently used go first, so memory stays
 * flat. Thread-safe.
 */
final class FailureBuckets {

    /** Keys remembered at most; past it the least recently used are dropped (they start again with a full bucket). */
    static final int MAX_KEYS = 100_000;

    private final FailureLimit limit;
    private final Cache<String, Entry> entries;

    /** A bucket and whether its key is in a throttling episode (emptied and not yet full again). */
    private static final class Entry {
        final Bucket bucket;
        boolean inEpisode;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    FailureBuckets(FailureLimit limit) {
        this.limit = limit;
        // a key idle for a whole period has a full bucket again: forgetting it changes nothing
        this.entries = CacheBuilder.newBuilder().maximumSize(MAX_KEYS)
                .expireAfterAccess(limit.isOff() ? Duration.ofMinutes(1) : limit.period().plusSeconds(1)).build();
    }

    /** How long the key must wait before its next attempt is even looked at; empty when it may try now. */
    Optional<Duration> refusal(String key) {
        if (limit.isOff()) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            long available = entry.bucket.getAvailableTokens();
            if (available >= limit.failures()) {
                entry.inEpisode = false;
            }
            if (available >= 1) {
                return Optional.empty();
            }
            long nanos = entry.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Optional.of(Duration.ofNanos(Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1))));
        }
    }

    /** Counts one failure; true when it empties the bucket and so starts a new throttling episode of this key. */
    boolean failed(String key) {
        if (limit.isOff()) {
            return false;
        }
        Entry entry;
        try {
            entry = entries.get(key, () -> new Entry(Bucket.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
                    .build()));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        synchronized (entry) {
            if (entry.bucket.getAvailableTokens() >= limit.failures()) {
                entry.inEpisode = false;
            }
            entry.bucket.tryConsume(1);
            if (entry.bucket.getAvailableTokens() < 1 && !entry.inEpisode) {
                entry.inEpisode = true;
                return true;
            }
            return false;
        }
    }

    FailureLimit limit() {
        return limit;
    }
}

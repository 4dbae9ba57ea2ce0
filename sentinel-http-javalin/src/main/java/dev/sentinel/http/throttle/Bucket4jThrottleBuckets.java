package dev.sentinel.http.throttle;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.sentinel.core.port.out.ThrottleBuckets;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The failure throttle's buckets on Bucket4j, in this node's memory: one token bucket per key, created on the first
 * failure or attempt taken ahead of its check, and forgotten once full again and idle. Bounded: under a flood of distinct keys the least recently used go
 * first, so memory stays flat. Thread-safe.
 */
public final class Bucket4jThrottleBuckets implements ThrottleBuckets {

    /** Keys remembered at most per limit; past it the least recently used are dropped (they start again full). */
    public static final int MAX_KEYS = 100_000;

    private Bucket4jThrottleBuckets() {
    }

    /** The buckets every {@code sentinel serve} node counts failures with. */
    public static ThrottleBuckets create() {
        return new Bucket4jThrottleBuckets();
    }

    @Override
    public Counter counter(int failures, Duration period) {
        if (failures < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a limit needs at least one failure per positive period");
        }
        return new Buckets(failures, period);
    }

    @Override
    public String toString() {
        return "Bucket4jThrottleBuckets";
    }

    /** A bucket and whether its key is in a throttling episode (emptied and not yet full again). */
    private static final class Entry {
        final Bucket bucket;
        boolean inEpisode;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private static final class Buckets implements Counter {
        private final int failures;
        private final LoadingCache<String, Entry> entries;

        Buckets(int failures, Duration period) {
            this.failures = failures;
            Objects.requireNonNull(period, "period");
            // a key idle for a whole period has a full bucket again: forgetting it changes nothing
            this.entries = CacheBuilder.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(period.plusSeconds(1))
                    .build(CacheLoader.from(() -> new Entry(Bucket.builder()
                            .addLimit(bandwidth -> bandwidth.capacity(failures).refillGreedy(failures, period))
                            .build())));
        }

        @Override
        public Optional<Duration> refusal(String key) {
            Entry entry = entries.getIfPresent(key);
            if (entry == null) {
                return Optional.empty();
            }
            synchronized (entry) {
                long available = endEpisodeIfFull(entry);
                return available >= 1 ? Optional.empty() : Optional.of(wait(entry));
            }
        }

        @Override
        public boolean failed(String key) {
            Entry entry = entries.getUnchecked(key);
            synchronized (entry) {
                endEpisodeIfFull(entry);
                entry.bucket.tryConsume(1);
                return startsEpisode(entry);
            }
        }

        @Override
        public Optional<Duration> take(String key) {
            Entry entry = entries.getUnchecked(key);
            synchronized (entry) {
                endEpisodeIfFull(entry);
                return entry.bucket.tryConsume(1) ? Optional.empty() : Optional.of(wait(entry));
            }
        }

        @Override
        public void giveBack(String key) {
            Entry entry = entries.getIfPresent(key);
            if (entry == null) {
                return; // forgotten meanwhile: a new bucket starts full anyway
            }
            synchronized (entry) {
                entry.bucket.addTokens(1);
            }
        }

        @Override
        public boolean takenFailed(String key) {
            Entry entry = entries.getIfPresent(key);
            if (entry == null) {
                return false;
            }
            synchronized (entry) {
                return startsEpisode(entry);
            }
        }

        /** The tokens available; a full bucket ends the key's episode. Called holding the entry's lock. */
        private long endEpisodeIfFull(Entry entry) {
            long available = entry.bucket.getAvailableTokens();
            if (available >= failures) {
                entry.inEpisode = false;
            }
            return available;
        }

        private static boolean startsEpisode(Entry entry) {
            if (entry.bucket.getAvailableTokens() < 1 && !entry.inEpisode) {
                entry.inEpisode = true;
                return true;
            }
            return false;
        }

        private static Duration wait(Entry entry) {
            long nanos = entry.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Duration.ofNanos(Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }
}

package dev.sentinel.core.application.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The (client id, source) pairs that authenticated successfully within the last {@code window}, in this node's memory:
 * what lets a rightful client behind a shared address past the per-address limit. Bounded: at most {@code maxPairs}
 * pairs; when full, expired pairs are swept (at most once a minute) and new pairs are not remembered until there is
 * room, so a holder of valid credentials who authenticates from many sources cannot push out the pairs already known.
 * A remembered time is refreshed at most once a minute, so a busy pair costs one map read per attempt. Thread-safe.
 */
final class RecentSuccesses {

    private static final long REFRESH_MILLIS = 60_000;

    private final ConcurrentHashMap<String, Long> lastSuccess = new ConcurrentHashMap<>();
    private final long windowMillis;
    private final int maxPairs;
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    RecentSuccesses(Duration window, int maxPairs) {
        this.windowMillis = window.toMillis();
        this.maxPairs = maxPairs;
    }

    /** When {@code pair} last authenticated within the window before {@code now}; {@link Long#MIN_VALUE}: not. */
    long recentSuccess(String pair, Instant now) {
        if (windowMillis == 0) {
            return Long.MIN_VALUE;
        }
        Long at = lastSuccess.get(pair);
        return at != null && now.toEpochMilli() - at < windowMillis ? at : Long.MIN_VALUE;
    }

    /** {@code pair} authenticated at {@code now}; {@code known} is what {@link #recentSuccess} said before. */
    void succeeded(String pair, Instant now, long known) {
        if (windowMillis == 0) {
            return;
        }
        long millis = now.toEpochMilli();
        if (known != Long.MIN_VALUE && millis - known < REFRESH_MILLIS) {
            return;
        }
        if (!lastSuccess.containsKey(pair) && lastSuccess.size() >= maxPairs) {
            sweep(millis);
            if (lastSuccess.size() >= maxPairs) {
                return;
            }
        }
        lastSuccess.put(pair, millis);
    }

    /** Pairs remembered now (expired ones included until a sweep). */
    int size() {
        return lastSuccess.size();
    }

    private void sweep(long millis) {
        long due = nextSweep.get();
        if (millis < due || !nextSweep.compareAndSet(due, millis + REFRESH_MILLIS)) {
            return;
        }
        lastSuccess.values().removeIf(at -> millis - at >= windowMillis);
    }
}

package dev.sentinel.core.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets of failed attempts, one per key, kept in one node's memory: what the failure throttle counts with. A
 * key's bucket holds {@code failures} tokens and refills them evenly over {@code period}; each failure takes one. A
 * key is forgotten once its bucket is full again and idle, and under a flood of distinct keys the least recently used
 * go first, so memory stays bounded. Implementations are thread-safe.
 */
public interface ThrottleBuckets {

    /** The buckets of one limit: {@code failures} per {@code period} (both positive). */
    Counter counter(int failures, Duration period);

    /** The buckets of one limit, by key. Thread-safe. */
    interface Counter {

        /** How long {@code key} must wait before its next attempt is even looked at; empty when it may try now. */
        Optional<Duration> refusal(String key);

        /**
         * Counts one failure of {@code key}; true when this failure empties the bucket while the key was not already in
         * a throttling episode (an episode ends once the bucket is full again).
         */
        boolean failed(String key);

        /**
         * Takes one failure's worth from {@code key}'s bucket before an attempt whose outcome is not known yet, so that
         * concurrent attempts cannot all pass a bucket that holds fewer: empty when taken (check the attempt, then
         * report it with {@link #giveBack} or {@link #takenFailed}), else how long {@code key} must wait (nothing
         * taken).
         */
        Optional<Duration> take(String key);

        /** The attempt {@link #take} let through succeeded: what it took goes back, so only failures count. */
        void giveBack(String key);

        /**
         * The attempt {@link #take} let through failed: what it took stays taken. True when that left the bucket empty
         * while the key was not already in a throttling episode (which starts now), as {@link #failed} tells.
         */
        boolean takenFailed(String key);
    }
}

package dev.sentinel.core.domain.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pass's use over its whole life, as a list of passes shows it: its requests, the successful ones and their
 * latency summed over its hourly rollups, and the start of its latest recorded event (empty when it was never used,
 * or its events have aged out of retention).
 */
public record PassUse(long totalRequests, long successes, long latencySumMs, Optional<Instant> lastUsed) {

    /** The use of a pass that was never used. */
    public static final PassUse NONE = new PassUse(0, 0, 0, Optional.empty());

    public PassUse {
        Objects.requireNonNull(lastUsed, "lastUsed");
        if (totalRequests < 0 || successes < 0 || successes > totalRequests || latencySumMs < 0) {
            throw new IllegalArgumentException("counts must be non-negative, successes at most the requests");
        }
    }
}

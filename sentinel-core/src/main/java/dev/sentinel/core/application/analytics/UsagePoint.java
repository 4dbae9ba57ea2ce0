package dev.sentinel.core.application.analytics;

import java.time.Instant;

/** One point of the request timeline: an hour or a day starting at {@code start}. */
public record UsagePoint(Instant start, long totalRequests, long successCount, long errorCount, double avgLatencyMs) {

    /** Success rate in percent (0–100); 0 when there were no requests. */
    public double successRate() {
        return totalRequests == 0 ? 0 : Percent.of(successCount, totalRequests);
    }
}

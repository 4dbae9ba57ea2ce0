package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.SentinelPass;
import java.time.Instant;
import java.util.Optional;

/** The Overview tab: the pass, its lifetime totals and when it was last used. */
public record PassOverview(SentinelPass pass, long totalRequests, double successRate, double avgLatencyMs,
                           Optional<Instant> lastUsed) {
}

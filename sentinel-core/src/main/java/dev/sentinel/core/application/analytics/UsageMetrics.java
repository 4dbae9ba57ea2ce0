package dev.sentinel.core.application.analytics;

/**
 * Performance metrics over a range. Rates are percentages (0–100). {@code p95LatencyMs} is the upper bound of the
 * latency-histogram bucket holding the 95th percentile. {@code errorRateWarning} is set above 5%.
 */
public record UsageMetrics(long totalRequests, double successRate, double avgLatencyMs, LatencyClass latencyClass,
                           long p95LatencyMs, int uniqueEndpoints, double errorRate, boolean errorRateWarning) {

    /** The error-rate percentage above which a warning is shown. */
    public static final double ERROR_RATE_WARNING_PERCENT = 5.0;
}

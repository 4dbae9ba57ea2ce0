package dev.sentinel.core.wire;

import dev.sentinel.core.application.analytics.UsageMetrics;
import dev.sentinel.core.application.analytics.UsagePoint;
import dev.sentinel.core.application.analytics.UsageReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** A usage report as the {@code GET …/usage} reply shows it (docs/activity.md); the CLI prints the same shape. */
public final class UsageJson {

    private UsageJson() {
    }

    public static Map<String, Object> of(UsageReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("range", report.range().code());
        json.put("resolution", report.range().resolutionName());
        json.put("timeline", report.timeline().stream().map(UsageJson::point).toList());
        json.put("metrics", metrics(report.metrics()));
        return json;
    }

    private static Map<String, Object> point(UsagePoint point) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", Timestamps.format(point.start()));
        json.put("total_requests", point.totalRequests());
        json.put("success_count", point.successCount());
        json.put("error_count", point.errorCount());
        json.put("avg_latency_ms", point.avgLatencyMs());
        return json;
    }

    private static Map<String, Object> metrics(UsageMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_requests", metrics.totalRequests());
        json.put("success_rate", metrics.successRate());
        json.put("avg_latency_ms", metrics.avgLatencyMs());
        json.put("latency_class", metrics.latencyClass().code());
        json.put("p95_latency_ms", metrics.p95LatencyMs());
        json.put("unique_endpoints", metrics.uniqueEndpoints());
        json.put("error_rate", metrics.errorRate());
        json.put("error_rate_warning", metrics.errorRateWarning());
        return json;
    }
}

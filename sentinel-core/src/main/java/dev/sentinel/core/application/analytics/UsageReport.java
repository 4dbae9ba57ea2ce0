package dev.sentinel.core.application.analytics;

import java.util.List;

/** The Usage view of one pass over a range: a zero-filled timeline and the metrics. */
public record UsageReport(UsageRange range, List<UsagePoint> timeline, UsageMetrics metrics) {

    public UsageReport {
        timeline = List.copyOf(timeline);
    }
}

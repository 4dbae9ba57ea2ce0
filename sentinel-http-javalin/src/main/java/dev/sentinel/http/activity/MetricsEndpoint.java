package dev.sentinel.http.activity;

import dev.sentinel.core.application.recording.RecorderStats;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in the Prometheus text format (version 0.0.4): the activity writer's counters, so that an
 * operator sees at once whether events are being refused or lost. The counters hold no pass data.
 */
public final class MetricsEndpoint {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<Optional<RecorderStats>> stats;

    public MetricsEndpoint(Supplier<Optional<RecorderStats>> stats) {
        this.stats = stats;
    }

    public void metrics(Context ctx) {
        RecorderStats current = stats.get().orElse(new RecorderStats(0, 0, 0, 0, 0, 0));
        StringBuilder text = new StringBuilder(1024);
        gauge(text, "sentinel_activity_queued", "Activity events waiting in the buffer to be written.", current.queued());
        counter(text, "sentinel_activity_accepted_total", "Activity events accepted into the buffer.", current.accepted());
        counter(text, "sentinel_activity_written_total", "Activity events written to the store.", current.written());
        counter(text, "sentinel_activity_rejected_total",
                "Activity events refused because the buffer was full or closing.", current.rejected());
        counter(text, "sentinel_activity_failed_writes_total",
                "Batch writes that failed and were retried.", current.failedWrites());
        counter(text, "sentinel_activity_lost_total",
                "Activity events that could not be written before shutdown.", current.lost());
        ctx.status(200).contentType(CONTENT_TYPE).result(text.toString());
    }

    private static void gauge(StringBuilder text, String name, String help, long value) {
        metric(text, name, help, "gauge", value);
    }

    private static void counter(StringBuilder text, String name, String help, long value) {
        metric(text, name, help, "counter", value);
    }

    private static void metric(StringBuilder text, String name, String help, String type, long value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }
}

package dev.sentinel.http.metrics;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.http.access.BearerDoor;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Open to anyone unless a metrics token is configured;
 * then only {@code Authorization: Bearer <metrics token>} gets them (401 otherwise), and wrong tokens count against
 * the same per-address limit as wrong admin tokens (429 once over it). The admin token does not open it: a scraper's
 * configuration should hold no more than it needs.
 */
final class MetricsEndpoint implements Handler {

    private final ServerMetrics metrics;
    private final BearerDoor door;

    MetricsEndpoint(ServerMetrics metrics, BearerGate gate) {
        this.metrics = metrics;
        this.door = new BearerDoor(gate, "sentinel-metrics", "the metrics need Authorization: Bearer <metrics token>");
    }

    @Override
    public void handle(Context ctx) {
        door.admit(ctx, BearerGate.Door.METRICS);
        ctx.status(200).contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}

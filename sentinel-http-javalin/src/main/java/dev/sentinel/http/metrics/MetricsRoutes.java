package dev.sentinel.http.metrics;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.http.web.Routes;

/** {@code GET /metrics}, behind the metrics token when one is configured. */
public final class MetricsRoutes {

    private MetricsRoutes() {
    }

    public static void install(Routes routes, ServerMetrics metrics, BearerGate gate) {
        routes.get("/metrics", new MetricsEndpoint(metrics, gate));
    }
}

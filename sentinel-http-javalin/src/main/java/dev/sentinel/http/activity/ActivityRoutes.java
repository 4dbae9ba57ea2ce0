package dev.sentinel.http.activity;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.web.Routes;

/** The Usage tab's routes under {@code /api/v1}: usage analytics, the activity log, its export, and batch ingest. */
public final class ActivityRoutes {

    private ActivityRoutes() {
    }

    public static void install(Routes routes, SentinelNode node) {
        AnalyticsEndpoints endpoints = new AnalyticsEndpoints(node.usage(), node.activity(), node.clock(),
                new Access(node.authorization()));
        routes.get("/api/v1/passes/{passId}/usage", endpoints::usage);
        routes.get("/api/v1/passes/{passId}/activity", endpoints::activity);
        routes.get("/api/v1/passes/{passId}/activity/export", endpoints::export);
        routes.post("/api/v1/activity", new IngestEndpoint(node.ingest(), node.authorization())::ingest);
    }
}

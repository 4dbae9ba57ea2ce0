package dev.sentinel.http.admin;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.web.Routes;
import io.javalin.config.RoutesConfig;

/**
 * The management API's pass and project routes under {@code /api/v1}, and the admin-token check in front of every
 * {@code /api/v1/*} route (the ingest token opens {@code POST /api/v1/activity} only).
 */
public final class ManagementRoutes {

    private ManagementRoutes() {
    }

    /** The before-handler that guards every {@code /api/v1/*} route; install it before the routes. */
    public static void guard(RoutesConfig config, SentinelNode node) {
        config.before("/api/v1/*", new AdminGuard(node.gate()));
    }

    public static void install(Routes routes, SentinelNode node) {
        PassEndpoints passes = new PassEndpoints(node.passes(), node.usage(), node.clock());
        routes.get("/api/v1/projects", new ProjectEndpoints(node.passes())::list);
        routes.post("/api/v1/projects/{project}/passes", passes::create);
        routes.get("/api/v1/projects/{project}/passes", passes::list);
        routes.get("/api/v1/passes/{passId}", passes::overview);
        routes.patch("/api/v1/passes/{passId}", passes::patch);
        routes.delete("/api/v1/passes/{passId}", passes::delete);
        routes.get("/api/v1/passes/{passId}/permissions", passes::permissions);
        routes.post("/api/v1/passes/{passId}/credentials/regenerate", passes::regenerate);
        routes.post("/api/v1/passes/{passId}/toggle", passes::toggle);
        routes.post("/api/v1/passes/{passId}/revoke", passes::revoke);
        routes.post("/api/v1/passes/{passId}/activate", passes::activate);
    }
}

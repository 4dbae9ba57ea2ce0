package dev.sentinel.http.admin;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.web.Routes;
import io.javalin.config.RoutesConfig;

/**
 * The management API's routes under {@code /api/v1} (passes, projects and members, access keys, the audit trail), and
 * the guard in front of every {@code /api/v1/*} route that resolves the caller ({@link AdminGuard}).
 */
public final class ManagementRoutes {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManagementRoutes.class);

    private ManagementRoutes() {
    }

    /** The before-handler that guards every {@code /api/v1/*} route; install it before the routes. */
    public static void guard(RoutesConfig config, SentinelNode node) {
        if (node.settings().ingestToken().isPresent()) {
            LOG.warn("the ingest token is deprecated: it reports for every project, any event type; create an access "
                    + "key with the role ingest for the projects each resource server reports for (docs/accounts.md)");
        }
        config.before("/api/v1/*", new AdminGuard(node.gate()));
    }

    public static void install(Routes routes, SentinelNode node) {
        Access access = new Access(node.authorization());
        PassEndpoints passes = new PassEndpoints(node.passes(), node.usage(), node.clock(), access);
        ProjectEndpoints projects = new ProjectEndpoints(node.projects(), node.memberships());
        routes.get("/api/v1/projects", projects::list);
        routes.post("/api/v1/projects", projects::create);
        routes.delete("/api/v1/projects/{project}", projects::delete);
        routes.get("/api/v1/projects/{project}/members", projects::members);
        routes.put("/api/v1/projects/{project}/members/{email}", projects::putMember);
        routes.delete("/api/v1/projects/{project}/members/{email}", projects::removeMember);
        AccessKeyEndpoints keys = new AccessKeyEndpoints(node.accessKeys());
        routes.post("/api/v1/access-keys", keys::create);
        routes.get("/api/v1/access-keys", keys::list);
        routes.delete("/api/v1/access-keys/{id}", keys::revoke);
        AuditEndpoints audit = new AuditEndpoints(node.audit(), node.clock());
        routes.get("/api/v1/audit", audit::list);
        routes.get("/api/v1/audit/export", audit::export);
        routes.get("/api/v1/audit/verify", audit::verify);
        AlertEndpoints alerts = new AlertEndpoints(node.alerts());
        routes.get("/api/v1/alerts", alerts::listAlerts);
        routes.get("/api/v1/projects/{project}/alert-rules", alerts::listRules);
        routes.post("/api/v1/projects/{project}/alert-rules", alerts::createRule);
        routes.delete("/api/v1/alert-rules/{id}", alerts::deleteRule);
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
        AllowedHostEndpoints allowedHosts = new AllowedHostEndpoints(node.allowedHosts());
        routes.get("/api/v1/allowed-hosts", allowedHosts::list);
        routes.put("/api/v1/allowed-hosts/{host}", allowedHosts::put);
        routes.delete("/api/v1/allowed-hosts/{host}", allowedHosts::delete);
        TrustPolicyEndpoints trustPolicies = new TrustPolicyEndpoints(node.trustPolicies());
        routes.get("/api/v1/projects/{project}/trust-policies", trustPolicies::list);
        routes.post("/api/v1/projects/{project}/trust-policies", trustPolicies::create);
        routes.get("/api/v1/trust-policies/{id}", trustPolicies::get);
        routes.patch("/api/v1/trust-policies/{id}", trustPolicies::patch);
        routes.delete("/api/v1/trust-policies/{id}", trustPolicies::delete);
        ResourceEndpoints resources = new ResourceEndpoints(node.resources());
        routes.get("/api/v1/projects/{project}/resources", resources::list);
        routes.post("/api/v1/projects/{project}/resources", resources::create);
        routes.get("/api/v1/resources/{id}", resources::get);
        routes.patch("/api/v1/resources/{id}", resources::patch);
        routes.delete("/api/v1/resources/{id}", resources::delete);
    }
}

package dev.sentinel.http.admin;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.alert.AlertService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertKind;
import dev.sentinel.core.domain.alert.AlertRule;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts over HTTP: {@code GET /api/v1/alerts} (the caller's projects; {@code project}, {@code kind},
 * {@code state=open|all}, newest first, at most 500), {@code GET/POST /api/v1/projects/{project}/alert-rules}
 * (viewers read, admins make) and {@code DELETE /api/v1/alert-rules/{id}} (admins of the rule's project).
 */
final class AlertEndpoints {

    private static final Set<String> RULE_FIELDS = Set.of("kind", "passes", "error_rate_percent", "window_minutes",
            "min_requests");
    private static final int MAX_ALERTS = 500;

    private final AlertService alerts;

    AlertEndpoints(AlertService alerts) {
        this.alerts = alerts;
    }

    void listAlerts(Context ctx) {
        Principal caller = Callers.of(ctx);
        Violations violations = new Violations();
        for (String param : ctx.queryParamMap().keySet()) {
            if (!Set.of("project", "kind", "state").contains(param)) {
                violations.add(param, "is not a filter (project, kind, state)");
            }
        }
        String state = ctx.queryParam("state") == null ? "open" : ctx.queryParam("state");
        if (!state.equals("open") && !state.equals("all")) {
            violations.add("state", "must be open or all (got '" + state + "')");
        }
        AlertKind kind = ctx.queryParam("kind") == null ? null : violations.check(() -> AlertKind.of(ctx.queryParam("kind")));
        ProjectId project = ctx.queryParam("project") == null ? null
                : violations.check(() -> ProjectId.of(ctx.queryParam("project")));
        violations.throwIfAny();
        List<ProjectId> scope;
        if (project != null) {
            Access.onProject(ctx, AccessAction.READ_PROJECT, project);
            scope = List.of(project);
        } else if (caller.allProjects()) {
            scope = List.of();
        } else {
            scope = List.copyOf(caller.projectRoles().keySet());
            if (scope.isEmpty()) {
                Json.reply(ctx, 200, Map.of("items", List.of(), "total", 0));
                return;
            }
        }
        List<Map<String, Object>> items = alerts.alerts(scope, state.equals("all"), MAX_ALERTS).stream()
                .filter(alert -> kind == null || alert.kind() == kind).map(AlertEndpoints::alert).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void listRules(Context ctx) {
        ProjectId project = ProjectId.of(ctx.pathParam("project"));
        Access.onProject(ctx, AccessAction.READ_PROJECT, project);
        List<Map<String, Object>> items = alerts.rules(List.of(project)).stream().map(AlertEndpoints::rule).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void createRule(Context ctx) {
        ProjectId project = ProjectId.of(ctx.pathParam("project"));
        Access.onProject(ctx, AccessAction.MANAGE_MEMBERS, project);
        JsonBodies.Body body = JsonBodies.read(ctx, RULE_FIELDS, Set.of("passes"), false);
        Violations violations = new Violations();
        String kind = body.texts().get("kind");
        if (kind == null) {
            violations.add("kind", "is required");
        }
        List<PassId> passes = new java.util.ArrayList<>();
        for (String raw : body.lists().getOrDefault("passes", List.of())) {
            try {
                passes.add(PassId.of(raw));
            } catch (ValidationException notAPassId) {
                violations.add("passes", "'" + raw + "' is not a pass id (SP-YYYY-XXXXXX)");
            }
        }
        Double percent = number(violations, body, "error_rate_percent");
        Double window = number(violations, body, "window_minutes");
        Double minimum = number(violations, body, "min_requests");
        AlertRule rule;
        try {
            rule = alerts.createRule(project, kind == null ? AlertKind.PASS_EXPIRING.code() : kind, passes, percent,
                    window == null ? null : window.intValue(), minimum == null ? null : minimum.intValue());
        } catch (ValidationException failure) {
            failure.violations().forEach(violation -> violations.add(violation.field(), violation.rule()));
            rule = null;
        }
        violations.throwIfAny();
        ctx.header("Location", "/api/v1/alert-rules/" + rule.id());
        Json.reply(ctx, 201, rule(rule));
    }

    void deleteRule(Context ctx) {
        AlertRule rule = alerts.rule(ctx.pathParam("id"))
                .orElseThrow(() -> new HttpProblem(404, "no alert rule " + ctx.pathParam("id")));
        Access.onProject(ctx, AccessAction.MANAGE_MEMBERS, rule.project());
        alerts.deleteRule(rule.id());
        ctx.status(204);
    }

    private static Double number(Violations violations, JsonBodies.Body body, String field) {
        String raw = body.texts().get(field);
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw);
            if (!field.equals("error_rate_percent") && value != Math.rint(value)) {
                violations.add(field, "must be a whole number");
            }
            return value;
        } catch (NumberFormatException notANumber) {
            violations.add(field, "must be a number");
            return null;
        }
    }

    static Map<String, Object> rule(AlertRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rule.id());
        json.put("project", rule.project().value());
        json.put("kind", rule.kind().code());
        json.put("passes", rule.passes().stream().map(PassId::value).sorted().toList());
        if (rule.kind() == AlertKind.ERROR_RATE_HIGH) {
            json.put("error_rate_percent", rule.errorRatePercent());
            json.put("window_minutes", rule.windowMinutes());
            json.put("min_requests", rule.minRequests());
        }
        json.put("evaluated", rule.kind().evaluated());
        json.put("created_at", rule.createdAt().toString());
        return json;
    }

    static Map<String, Object> alert(Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.id());
        json.put("rule_id", alert.ruleId());
        json.put("project", alert.project().value());
        json.put("kind", alert.kind().code());
        json.put("pass_id", alert.passId().value());
        json.put("stage", alert.stage().isEmpty() ? null : alert.stage());
        json.put("state", alert.open() ? "open" : "cleared");
        json.put("detail", alert.detail());
        json.put("fired_at", alert.firedAt().toString());
        json.put("cleared_at", alert.clearedAt().map(Object::toString).orElse(null));
        return json;
    }
}

package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertKind;
import dev.sentinel.core.domain.alert.AlertRule;
import dev.sentinel.core.port.out.Alerts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Alert rules in {@code alert_rules}, alerts in {@code alerts}, the evaluation lease in {@code alert_lease}. */
final class JdbiAlertsAdapter implements Alerts {

    private static final String RULE_COLUMNS = "rule_id, project, kind, pass_ids, error_rate_percent, window_minutes, "
            + "min_requests, created_at";
    private static final String ALERT_COLUMNS = "alert_id, rule_id, project, kind, pass_id, stage, detail, fired_at, "
            + "cleared_at";

    private final Handle handle;

    JdbiAlertsAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void addRule(AlertRule rule) {
        handle.createUpdate("INSERT INTO alert_rules (" + RULE_COLUMNS + ") VALUES (:id, :project, :kind, :passes, "
                        + ":percent, :window, :minimum, :createdAt)")
                .bind("id", rule.id()).bind("project", rule.project().value()).bind("kind", rule.kind().code())
                .bind("passes", rule.passes().stream().map(PassId::value).sorted().collect(Collectors.joining(",")))
                .bind("percent", rule.errorRatePercent()).bind("window", rule.windowMinutes())
                .bind("minimum", rule.minRequests()).bind("createdAt", Sql.utc(rule.createdAt())).execute();
    }

    @Override
    public Optional<AlertRule> findRule(String id) {
        return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE rule_id = :id").bind("id", id)
                .map((row, context) -> rule(row)).findFirst();
    }

    @Override
    public List<AlertRule> rules(Collection<ProjectId> projects) {
        if (projects.isEmpty()) {
            return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM alert_rules ORDER BY created_at, rule_id")
                    .map((row, context) -> rule(row)).list();
        }
        return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE project IN (<projects>) "
                        + "ORDER BY created_at, rule_id")
                .bindList("projects", projects.stream().map(ProjectId::value).toList())
                .map((row, context) -> rule(row)).list();
    }

    @Override
    public boolean deleteRule(String id) {
        handle.createUpdate("DELETE FROM alerts WHERE rule_id = :id").bind("id", id).execute();
        return handle.createUpdate("DELETE FROM alert_rules WHERE rule_id = :id").bind("id", id).execute() > 0;
    }

    @Override
    public void addAlert(Alert alert) {
        handle.createUpdate("INSERT INTO alerts (" + ALERT_COLUMNS + ") VALUES (:id, :rule, :project, :kind, :pass, "
                        + ":stage, :detail, :firedAt, :clearedAt)")
                .bind("id", alert.id()).bind("rule", alert.ruleId()).bind("project", alert.project().value())
                .bind("kind", alert.kind().code()).bind("pass", alert.passId().value()).bind("stage", alert.stage())
                .bind("detail", alert.detail().length() > 500 ? alert.detail().substring(0, 500) : alert.detail())
                .bind("firedAt", Sql.utc(alert.firedAt())).bind("clearedAt", Sql.utc(alert.clearedAt())).execute();
    }

    @Override
    public boolean clear(String alertId, Instant at) {
        return handle.createUpdate("UPDATE alerts SET cleared_at = :at WHERE alert_id = :id AND cleared_at IS NULL")
                .bind("id", alertId).bind("at", Sql.utc(at)).execute() > 0;
    }

    @Override
    public List<Alert> openAlerts(String ruleId) {
        return handle.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE rule_id = :rule AND cleared_at IS NULL "
                        + "ORDER BY fired_at, alert_id")
                .bind("rule", ruleId).map((row, context) -> alert(row)).list();
    }

    @Override
    public List<Alert> alerts(Collection<ProjectId> projects, boolean includeCleared, int limit) {
        String where = (projects.isEmpty() ? "1 = 1" : "project IN (<projects>)")
                + (includeCleared ? "" : " AND cleared_at IS NULL");
        var query = handle.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE " + where
                + " ORDER BY fired_at DESC, alert_id DESC LIMIT :limit").bind("limit", limit);
        if (!projects.isEmpty()) {
            query.bindList("projects", projects.stream().map(ProjectId::value).toList());
        }
        return query.map((row, context) -> alert(row)).list();
    }

    @Override
    public boolean takeLease(String holder, Instant now, Instant until) {
        return handle.createUpdate("UPDATE alert_lease SET holder = :holder, lease_until = :until "
                        + "WHERE lease_name = 'evaluation' AND (holder IS NULL OR holder = :holder OR lease_until <= :now)")
                .bind("holder", holder).bind("until", Sql.utc(until)).bind("now", Sql.utc(now)).execute() == 1;
    }

    private static AlertRule rule(ResultSet row) throws SQLException {
        String passes = row.getString("pass_ids");
        return new AlertRule(row.getString("rule_id"), new ProjectId(row.getString("project")),
                AlertKind.of(row.getString("kind")),
                passes.isEmpty() ? java.util.Set.of()
                        : Arrays.stream(passes.split(",")).map(PassId::new).collect(Collectors.toSet()),
                row.getDouble("error_rate_percent"), row.getInt("window_minutes"), row.getInt("min_requests"),
                Sql.instant(row, "created_at"));
    }

    private static Alert alert(ResultSet row) throws SQLException {
        return new Alert(row.getString("alert_id"), row.getString("rule_id"), new ProjectId(row.getString("project")),
                AlertKind.of(row.getString("kind")), new PassId(row.getString("pass_id")), row.getString("stage"),
                row.getString("detail"), Sql.instant(row, "fired_at"), Sql.optionalInstant(row, "cleared_at"));
    }
}

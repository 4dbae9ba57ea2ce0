package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertRule;
import dev.sentinel.core.port.out.Alerts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemoryAlerts implements Alerts {

    private final InMemoryState state;

    InMemoryAlerts(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void addRule(AlertRule rule) {
        state.alertRules.put(rule.id(), rule);
    }

    @Override
    public Optional<AlertRule> findRule(String id) {
        return Optional.ofNullable(state.alertRules.get(id));
    }

    @Override
    public List<AlertRule> rules(Collection<ProjectId> projects) {
        return state.alertRules.values().stream()
                .filter(rule -> projects.isEmpty() || projects.contains(rule.project())).toList();
    }

    @Override
    public boolean deleteRule(String id) {
        state.alerts.values().removeIf(alert -> alert.ruleId().equals(id));
        return state.alertRules.remove(id) != null;
    }

    @Override
    public void addAlert(Alert alert) {
        state.alerts.put(alert.id(), alert);
    }

    @Override
    public boolean clear(String alertId, Instant at) {
        Alert alert = state.alerts.get(alertId);
        if (alert == null || !alert.open()) {
            return false;
        }
        state.alerts.put(alertId, alert.clearedAt(at));
        return true;
    }

    @Override
    public List<Alert> openAlerts(String ruleId) {
        return state.alerts.values().stream().filter(alert -> alert.ruleId().equals(ruleId) && alert.open()).toList();
    }

    @Override
    public List<Alert> alerts(Collection<ProjectId> projects, boolean includeCleared, int limit) {
        List<Alert> found = new ArrayList<>(state.alerts.values().stream()
                .filter(alert -> projects.isEmpty() || projects.contains(alert.project()))
                .filter(alert -> includeCleared || alert.open()).toList());
        found.sort(Comparator.comparing(Alert::firedAt).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    @Override
    public boolean takeLease(String holder, Instant now, Instant until) {
        if (state.leaseHolder == null || holder.equals(state.leaseHolder) || !state.leaseUntil.isAfter(now)) {
            state.leaseHolder = holder;
            state.leaseUntil = until;
            return true;
        }
        return false;
    }
}

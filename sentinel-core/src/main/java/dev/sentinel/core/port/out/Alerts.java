package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertRule;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Alert rules, the alerts they fired, and the cluster's evaluation lease. Used inside a {@link StorageSession}. */
public interface Alerts {

    void addRule(AlertRule rule);

    Optional<AlertRule> findRule(String id);

    /** The rules of the projects, oldest first; every rule when {@code projects} is empty. */
    List<AlertRule> rules(Collection<ProjectId> projects);

    /** Deletes the rule and its alerts; false when there was none. */
    boolean deleteRule(String id);

    void addAlert(Alert alert);

    /** Marks the alert cleared at {@code at} unless it is cleared already; returns whether it was open. */
    boolean clear(String alertId, Instant at);

    /** The open alerts of the rule, oldest first. */
    List<Alert> openAlerts(String ruleId);

    /** The alerts of the projects (open only unless {@code includeCleared}), newest first, at most {@code limit}. */
    List<Alert> alerts(Collection<ProjectId> projects, boolean includeCleared, int limit);

    /**
     * Takes the cluster's evaluation lease for {@code holder} until {@code until} when it is free, expired at
     * {@code now}, or held by {@code holder} already (one conditional update); returns whether {@code holder} holds it.
     */
    boolean takeLease(String holder, Instant now, Instant until);
}

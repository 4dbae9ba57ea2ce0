package dev.sentinel.core.application.alert;

import dev.sentinel.core.application.webhook.WebhookEvents;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertKind;
import dev.sentinel.core.domain.alert.AlertRule;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.core.port.out.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Alert rules of projects and their evaluation. {@link #evaluate()} runs on every node (the housekeeping calls it every
 * {@value #INTERVAL_SECONDS} seconds) but only the node holding the cluster's lease ({@value #LEASE_SECONDS} s, renewed
 * by each evaluation, taken with one conditional update in the store) evaluates; the others return at once. Each
 * episode fires one alert (stored, then published as a webhook event of its kind with {@code "state": "firing"}) and,
 * when the condition no longer holds, is marked cleared once (published again, {@code "state": "cleared"}).
 * Thread-safe.
 */
public final class AlertService {

    public static final long INTERVAL_SECONDS = 30;
    public static final long LEASE_SECONDS = 90;
    /** The most passes a rule may be narrowed to. */
    public static final int MAX_PASSES = 100;
    /** The stages of {@code pass.expiring}, nearest first. */
    static final List<Integer> EXPIRY_DAYS = List.of(1, 7, 30);

    private final Storage storage;
    private final Clock clock;
    private final WebhookEvents events;
    private final String holder;
    private final SecureRandom random = new SecureRandom();

    public AlertService(Storage storage, Clock clock, WebhookEvents events) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.holder = "node-" + HexFormat.of().formatHex(bytes(8));
    }

    private byte[] bytes(int count) {
        byte[] value = new byte[count];
        random.nextBytes(value);
        return value;
    }

    /** What one evaluation did on this node. */
    public record Evaluation(boolean leaseHeld, int fired, int cleared) {
    }

    /**
     * Makes a rule. Fails with a {@code ValidationException} naming every broken field at once: an unknown or not yet
     * available kind, passes not of the project, a threshold out of range.
     */
    public AlertRule createRule(ProjectId project, String kind, Collection<PassId> passes, Double errorRatePercent,
                                Integer windowMinutes, Integer minRequests) {
        Violations violations = new Violations();
        AlertKind parsed = violations.check(() -> AlertKind.of(kind));
        if (parsed != null && !parsed.accepted()) {
            violations.add(AlertKind.FIELD, "'" + parsed.code() + "' needs per-pass limits, which this release has not");
            parsed = null;
        }
        double percent = errorRatePercent == null ? AlertRule.DEFAULT_ERROR_RATE_PERCENT : errorRatePercent;
        int window = windowMinutes == null ? AlertRule.DEFAULT_WINDOW_MINUTES : windowMinutes;
        int minimum = minRequests == null ? AlertRule.DEFAULT_MIN_REQUESTS : minRequests;
        if (!(percent > 0 && percent <= 100)) {
            violations.add("error_rate_percent", "must be more than 0 and at most 100");
        }
        if (window < 1 || window > 1440) {
            violations.add("window_minutes", "must be 1 to 1440");
        }
        if (passes.size() > MAX_PASSES) {
            violations.add("passes", "at most " + MAX_PASSES + " passes (got " + passes.size() + ")");
        }
        if (minimum < 1) {
            violations.add("min_requests", "must be at least 1");
        }
        AlertKind chosen = parsed;
        return storage.inTransaction(session -> {
            if (session.projects().find(project).isEmpty()) {
                violations.add(ProjectId.FIELD, "no project '" + project.value() + "'");
            }
            for (PassId pass : passes) {
                Optional<Pass> found = session.passes().find(pass);
                if (found.isEmpty() || !found.get().project().equals(project)) {
                    violations.add("passes", "no pass " + pass.value() + " in project '" + project.value() + "'");
                }
            }
            violations.throwIfAny();
            AlertRule rule = new AlertRule("AR-" + HexFormat.of().formatHex(bytes(8)), project, chosen, Set.copyOf(passes),
                    percent, window, minimum, clock.instant());
            session.alerts().addRule(rule);
            return rule;
        });
    }

    public List<AlertRule> rules(Collection<ProjectId> projects) {
        return storage.read(session -> session.alerts().rules(projects));
    }

    public Optional<AlertRule> rule(String id) {
        return storage.read(session -> session.alerts().findRule(id));
    }

    /** Deletes the rule and its alerts (open ones are not published as cleared); false when there was none. */
    public boolean deleteRule(String id) {
        return storage.inTransaction(session -> session.alerts().deleteRule(id));
    }

    /** The alerts of the projects (every project when empty), open only unless {@code includeCleared}, newest first. */
    public List<Alert> alerts(Collection<ProjectId> projects, boolean includeCleared, int limit) {
        return storage.read(session -> session.alerts().alerts(projects, includeCleared, limit));
    }

    /**
     * Evaluates every rule if this node holds (or now takes) the cluster's lease; returns what it did. Alerts are
     * stored in one transaction per rule and published after it commits.
     */
    public Evaluation evaluate() {
        Instant now = clock.instant();
        boolean held = storage.inTransaction(session ->
                session.alerts().takeLease(holder, now, now.plusSeconds(LEASE_SECONDS)));
        if (!held) {
            return new Evaluation(false, 0, 0);
        }
        int fired = 0;
        int cleared = 0;
        for (AlertRule rule : rules(List.of())) {
            if (!rule.kind().evaluated()) {
                continue;
            }
            List<Runnable> publish = new ArrayList<>();
            int[] counts = storage.inTransaction(session -> evaluate(session, rule, now, publish));
            publish.forEach(Runnable::run);
            fired += counts[0];
            cleared += counts[1];
        }
        return new Evaluation(true, fired, cleared);
    }

    private int[] evaluate(StorageSession session, AlertRule rule, Instant now, List<Runnable> publish) {
        Map<String, Finding> wanted = new LinkedHashMap<>();
        for (Pass pass : session.passes().listByProject(rule.project())) {
            if (rule.covers(pass.passId()) && pass.state() == PassState.ACTIVE) {
                finding(session, rule, pass, now).ifPresent(found -> wanted.put(key(pass.passId(), found.stage()), found));
            }
        }
        int cleared = 0;
        for (Alert open : session.alerts().openAlerts(rule.id())) {
            if (wanted.remove(key(open.passId(), open.stage())) == null && session.alerts().clear(open.id(), now)) {
                Alert done = open.clearedAt(now);
                publish.add(() -> events.publish(rule.project(), rule.kind().code(), done.id() + ".cleared",
                        payload(done)));
                cleared++;
            }
        }
        for (Finding found : wanted.values()) {
            Alert alert = new Alert("AL-" + HexFormat.of().formatHex(bytes(8)), rule.id(), rule.project(), rule.kind(),
                    found.pass(), found.stage(), found.detail(), now, Optional.empty());
            session.alerts().addAlert(alert);
            publish.add(() -> events.publish(rule.project(), rule.kind().code(), alert.id() + ".fired", payload(alert)));
        }
        return new int[] {wanted.size(), cleared};
    }

    private static String key(PassId pass, String stage) {
        return pass.value() + "\0" + stage;
    }

    private record Finding(PassId pass, String stage, String detail) {
    }

    private static Optional<Finding> finding(StorageSession session, AlertRule rule, Pass pass, Instant now) {
        Instant end = pass.validity().end();
        switch (rule.kind()) {
            case PASS_EXPIRING -> {
                Duration left = Duration.between(now, end);
                if (left.isNegative() || left.isZero()) {
                    return Optional.empty();
                }
                for (int days : EXPIRY_DAYS) {
                    if (left.compareTo(Duration.ofDays(days)) <= 0) {
                        return Optional.of(new Finding(pass.passId(), days + "d", "expires at " + end + " (valid until "
                                + pass.validity().validUntil() + "), within " + days + (days == 1 ? " day" : " days")));
                    }
                }
                return Optional.empty();
            }
            case PASS_EXPIRED -> {
                return now.isBefore(end) ? Optional.empty()
                        : Optional.of(new Finding(pass.passId(), "", "expired at " + end));
            }
            case ERROR_RATE_HIGH -> {
                Instant from = now.minus(Duration.ofMinutes(rule.windowMinutes()));
                long total = session.activity().count(new ActivityFilter(pass.passId(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(from), Optional.of(now)));
                if (total < rule.minRequests()) {
                    return Optional.empty();
                }
                long errors = session.activity().count(new ActivityFilter(pass.passId(), Optional.empty(),
                        Optional.of(false), Optional.empty(), Optional.of(from), Optional.of(now)));
                if (errors * 100.0 <= rule.errorRatePercent() * total) {
                    return Optional.empty();
                }
                return Optional.of(new Finding(pass.passId(), "", errors + " of " + total + " requests failed in the "
                        + "last " + rule.windowMinutes() + " minutes (more than " + rule.errorRatePercent() + " %)"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The webhook event's data: what the alert is, and whether it fires or clears. */
    static Map<String, Object> payload(Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert_id", alert.id());
        data.put("rule_id", alert.ruleId());
        data.put("kind", alert.kind().code());
        data.put("state", alert.open() ? "firing" : "cleared");
        data.put("project", alert.project().value());
        data.put("pass_id", alert.passId().value());
        if (!alert.stage().isEmpty()) {
            data.put("stage", alert.stage());
        }
        data.put("detail", alert.detail());
        data.put("fired_at", alert.firedAt().toString());
        alert.clearedAt().ifPresent(at -> data.put("cleared_at", at.toString()));
        return data;
    }
}

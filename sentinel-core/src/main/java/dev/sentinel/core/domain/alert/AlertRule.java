package dev.sentinel.core.domain.alert;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A rule of a project: alert on {@code kind} for every pass of the project, or only for {@code passes} when that is not
 * empty. {@code errorRatePercent}, {@code windowMinutes} and {@code minRequests} are the error-rate rule's threshold
 * (default more than 5 % of at least 20 requests over 15 minutes); other kinds keep the defaults and ignore them.
 */
public record AlertRule(String id, ProjectId project, AlertKind kind, Set<PassId> passes, double errorRatePercent,
                        int windowMinutes, int minRequests, Instant createdAt) {

    public static final double DEFAULT_ERROR_RATE_PERCENT = 5.0;
    public static final int DEFAULT_WINDOW_MINUTES = 15;
    public static final int DEFAULT_MIN_REQUESTS = 20;

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(kind, "kind");
        passes = Set.copyOf(passes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the rule watches this pass. */
    public boolean covers(PassId pass) {
        return passes.isEmpty() || passes.contains(pass);
    }
}

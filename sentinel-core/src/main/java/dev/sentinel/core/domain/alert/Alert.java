package dev.sentinel.core.domain.alert;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One episode of a rule for one pass: fired at {@code firedAt}, open until {@code clearedAt}. {@code stage} tells
 * episodes of one rule and pass apart where a kind has several ({@code 30d}, {@code 7d}, {@code 1d} for
 * {@code pass.expiring}; empty otherwise). {@code detail} says in words what was seen.
 */
public record Alert(String id, String ruleId, ProjectId project, AlertKind kind, PassId passId, String stage,
                    String detail, Instant firedAt, Optional<Instant> clearedAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(clearedAt, "clearedAt");
    }

    public boolean open() {
        return clearedAt.isEmpty();
    }

    public Alert clearedAt(Instant at) {
        return new Alert(id, ruleId, project, kind, passId, stage, detail, firedAt, Optional.of(at));
    }
}

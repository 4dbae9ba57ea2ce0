package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One administrative action: who did what, to which pass, when. Kept after the pass is deleted; never holds secret
 * material.
 */
public record AuditEntry(Instant at, String actor, String action, Optional<String> passId, String detail) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(detail, "detail");
    }
}

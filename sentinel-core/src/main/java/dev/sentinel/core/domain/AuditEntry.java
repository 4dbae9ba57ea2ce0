package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One action in the audit trail: when, who did it ({@code actor}: an account's email, an access key's name,
 * {@code cli:<OS user>} or {@code sentinel-server}), what ({@code action}, e.g. {@code pass.revoke}), to which pass and
 * in which project when it concerns one, and details. Kept after the pass or project is gone; never holds secret
 * material.
 */
public record AuditEntry(Instant at, String actor, String action, Optional<String> passId, String detail,
                         Optional<String> project) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(project, "project");
    }

    /** An entry about no project (or one whose project the writer does not name). */
    public AuditEntry(Instant at, String actor, String action, Optional<String> passId, String detail) {
        this(at, actor, action, passId, detail, Optional.empty());
    }

    /** The same entry, in {@code value}'s project. */
    public AuditEntry inProject(ProjectId value) {
        return new AuditEntry(at, actor, action, passId, detail, Optional.of(value.value()));
    }
}

package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ProjectId;
import java.time.Instant;
import java.util.Objects;

/** An account's role in one project: {@link Role#ADMIN} or {@link Role#VIEWER}. Immutable. */
public record Membership(ProjectId project, AccountId account, Role role, Instant since) {

    public Membership {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(since, "since");
        if (!role.isMemberRole()) {
            throw new IllegalArgumentException("a member is admin or viewer of a project, not " + role.code());
        }
    }
}

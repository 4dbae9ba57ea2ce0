package dev.sentinel.core.application.project;

import dev.sentinel.core.domain.Project;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A project record with how many passes it holds and the latest activity of any of them. Immutable. */
public record ProjectOverview(Project project, long passes, Optional<Instant> lastActivity) {

    public ProjectOverview {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}

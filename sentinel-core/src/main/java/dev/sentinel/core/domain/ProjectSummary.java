package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A project as the store knows it: its name, how many passes it holds (none for a project record without passes), and
 * the latest recorded activity of any of them (empty when none of its passes was ever used, or its activity has aged
 * out of retention).
 */
public record ProjectSummary(ProjectId name, long passes, Optional<Instant> lastActivity) {

    public ProjectSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastActivity, "lastActivity");
        if (passes < 0) {
            throw new IllegalArgumentException("a pass count cannot be negative: " + name);
        }
    }
}

package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A project: the record that passes, members and (in later releases) trust policies, resources, webhooks and limits
 * belong to. Its {@code name} follows the {@link ProjectId} rules and never changes; {@code displayName} is optional
 * text for people, 1–100 characters when present. Immutable.
 */
public record Project(ProjectId name, Optional<String> displayName, Instant createdAt) {

    public static final String DISPLAY_NAME_FIELD = "display_name";
    public static final int DISPLAY_NAME_MAX_LENGTH = 100;

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A new project from raw input, every broken rule named at once: {@code name} as {@link ProjectId#of}, an optional
     * display name (blank means none) of at most {@value #DISPLAY_NAME_MAX_LENGTH} characters without control
     * characters.
     */
    public static Project create(String name, String displayName, Instant createdAt) {
        Violations violations = new Violations();
        ProjectId id = violations.check(() -> ProjectId.of(name));
        Optional<String> shown = violations.check(() -> displayName(displayName));
        violations.throwIfAny();
        return new Project(id, shown, createdAt);
    }

    /** A project with only a name, as one made for a pass created in a project that did not exist yet. */
    public static Project named(ProjectId name, Instant createdAt) {
        return new Project(name, Optional.empty(), createdAt);
    }

    private static Optional<String> displayName(String raw) {
        Optional<String> shown = Text.optional(DISPLAY_NAME_FIELD, raw, DISPLAY_NAME_MAX_LENGTH);
        if (shown.isPresent() && shown.get().chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of(DISPLAY_NAME_FIELD, "must not contain control characters");
        }
        return shown;
    }
}

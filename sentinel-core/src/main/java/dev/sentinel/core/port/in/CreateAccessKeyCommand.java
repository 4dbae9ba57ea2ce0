package dev.sentinel.core.port.in;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.Text;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A new access key as any front end asks for it: {@code name} (1–100 characters, required), {@code role}
 * ({@code owner|admin|viewer|ingest|metrics}), {@code projects} (required for admin, viewer and ingest; refused for
 * owner and metrics) and an optional {@code expiresAt} (ISO-8601 instant, in the future). {@link #validate(Instant)}
 * names every broken rule at once.
 */
public record CreateAccessKeyCommand(String name, String role, List<String> projects, String expiresAt) {

    public static final String NAME_FIELD = "name";
    public static final String ROLE_FIELD = "role";
    public static final String PROJECTS_FIELD = "projects";
    public static final String EXPIRES_FIELD = "expires_at";

    public CreateAccessKeyCommand {
        projects = projects == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(projects));
    }

    /** The checked values. */
    public record Valid(String name, Role role, Set<ProjectId> projects, Optional<Instant> expiresAt) {
    }

    public Valid validate(Instant now) {
        Violations violations = new Violations();
        String checkedName = violations.check(() -> Text.required(NAME_FIELD, name, 100));
        Role checkedRole = violations.check(() -> Role.parse(ROLE_FIELD, role));
        Set<ProjectId> checkedProjects = new LinkedHashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            String raw = projects.get(i);
            int index = i;
            ProjectId project = violations.check(() -> {
                try {
                    return ProjectId.of(raw);
                } catch (ValidationException broken) {
                    throw ValidationException.of(PROJECTS_FIELD + "[" + index + "]", broken.violations().get(0).rule());
                }
            });
            if (project != null) {
                checkedProjects.add(project);
            }
        }
        if (checkedRole != null && checkedRole.isProjectScoped() && projects.isEmpty()) {
            violations.add(PROJECTS_FIELD, "is required for the role " + checkedRole.code());
        }
        if (checkedRole != null && !checkedRole.isProjectScoped() && !projects.isEmpty()) {
            violations.add(PROJECTS_FIELD, "must be empty for the role " + checkedRole.code() + " (it holds for the "
                    + "whole server)");
        }
        Optional<Instant> expiry = violations.check(() -> expiry(now));
        violations.throwIfAny();
        return new Valid(checkedName, checkedRole, checkedProjects, expiry);
    }

    private Optional<Instant> expiry(Instant now) {
        if (expiresAt == null || expiresAt.isBlank()) {
            return Optional.empty();
        }
        Instant parsed;
        try {
            parsed = Instant.parse(expiresAt.strip());
        } catch (DateTimeParseException malformed) {
            throw ValidationException.of(EXPIRES_FIELD, "must be an ISO-8601 time such as 2027-01-31T00:00:00Z");
        }
        if (!parsed.isAfter(now)) {
            throw ValidationException.of(EXPIRES_FIELD, "must be in the future");
        }
        return Optional.of(parsed);
    }
}

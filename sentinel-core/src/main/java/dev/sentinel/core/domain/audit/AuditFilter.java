package dev.sentinel.core.domain.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit entries a query wants: each present criterion must hold (actor, action, project and pass id exactly;
 * {@code start} inclusive, {@code end} exclusive). {@code withinProjects}, when present, keeps only entries of those
 * projects (what a project admin or viewer may see); entries of no project are then left out. Immutable.
 */
public record AuditFilter(Optional<String> actor, Optional<String> action, Optional<String> project,
                          Optional<String> passId, Optional<Instant> start, Optional<Instant> end,
                          Optional<Set<String>> withinProjects) {

    public AuditFilter {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        withinProjects = withinProjects.map(Set::copyOf);
    }

    /** Every entry. */
    public static AuditFilter all() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public AuditFilter withActor(String value) {
        return new AuditFilter(Optional.of(value), action, project, passId, start, end, withinProjects);
    }

    public AuditFilter withAction(String value) {
        return new AuditFilter(actor, Optional.of(value), project, passId, start, end, withinProjects);
    }

    public AuditFilter withProject(String value) {
        return new AuditFilter(actor, action, Optional.of(value), passId, start, end, withinProjects);
    }

    public AuditFilter withPassId(String value) {
        return new AuditFilter(actor, action, project, Optional.of(value), start, end, withinProjects);
    }

    public AuditFilter between(Optional<Instant> from, Optional<Instant> until) {
        return new AuditFilter(actor, action, project, passId, from, until, withinProjects);
    }

    public AuditFilter within(Set<String> projects) {
        return new AuditFilter(actor, action, project, passId, start, end, Optional.of(projects));
    }

    /** Whether {@code record} matches, as every store must decide it. */
    public boolean matches(AuditRecord record) {
        var entry = record.entry();
        return actor.map(entry.actor()::equals).orElse(true)
                && action.map(entry.action()::equals).orElse(true)
                && project.map(wanted -> entry.project().map(wanted::equals).orElse(false)).orElse(true)
                && passId.map(wanted -> entry.passId().map(wanted::equals).orElse(false)).orElse(true)
                && start.map(from -> !entry.at().isBefore(from)).orElse(true)
                && end.map(until -> entry.at().isBefore(until)).orElse(true)
                && withinProjects.map(allowed -> entry.project().map(allowed::contains).orElse(false)).orElse(true);
    }
}

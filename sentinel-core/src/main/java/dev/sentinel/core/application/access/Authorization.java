package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.access.AccessDeniedException;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides whether a caller may do something: owners may do everything; in a project the caller's
 * role there decides (admin ⊇ viewer; ingest only ingests); a project (or a pass of one) outside the caller's projects
 * is {@link Decision.Outcome#NOT_FOUND}, so its existence is not revealed; a server-wide action needs the owner role
 * (the metrics: a metrics key). Thread-safe.
 */
public final class Authorization {

    private final Storage storage;

    public Authorization(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Decides a server-wide action (one with {@link AccessAction#inProject()} false). */
    public static Decision decide(Principal caller, AccessAction action) {
        Objects.requireNonNull(caller, "caller");
        if (action.inProject()) {
            throw new IllegalArgumentException(action + " concerns a project: name it");
        }
        if (caller.isOwner() || (action == AccessAction.READ_METRICS && caller.mayReadMetrics())) {
            return Decision.allowed();
        }
        return Decision.forbidden(action.roleNeeded());
    }

    /** Decides a project action on {@code project} (whether or not it exists: that is the use case's answer). */
    public static Decision decide(Principal caller, AccessAction action, ProjectId project) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(project, "project");
        if (!action.inProject()) {
            return decide(caller, action);
        }
        if (caller.isOwner()) {
            return Decision.allowed();
        }
        Optional<Role> role = caller.roleIn(project);
        if (role.isEmpty()) {
            return Decision.notFound();
        }
        return action.allowedFor(role.get()) ? Decision.allowed() : Decision.forbidden(action.roleNeeded());
    }

    /** Decides a project action on the project of pass {@code passId}; a missing pass is not found for everyone. */
    public Decision decideOnPass(Principal caller, AccessAction action, PassId passId) {
        Optional<ProjectId> project = storage.read(session -> session.passes().find(passId).map(pass -> pass.project()));
        return project.map(found -> decide(caller, action, found)).orElse(Decision.notFound());
    }

    /**
     * Throws unless allowed: {@link AccessDeniedException} naming the role needed, or {@link ProjectNotFoundException}
     * for a project outside the caller's projects.
     */
    public static void require(Principal caller, AccessAction action, ProjectId project) {
        throwUnless(decide(caller, action, project), action, () -> new ProjectNotFoundException(project.value()));
    }

    /** Throws unless allowed: {@link AccessDeniedException}, or {@link PassNotFoundException} for a hidden pass. */
    public void requireOnPass(Principal caller, AccessAction action, PassId passId) {
        throwUnless(decideOnPass(caller, action, passId), action, () -> new PassNotFoundException(passId.value()));
    }

    /** Throws {@link AccessDeniedException} unless the server-wide action is allowed. */
    public static void require(Principal caller, AccessAction action) {
        throwUnless(decide(caller, action), action, () -> new IllegalStateException("unreachable"));
    }

    private static void throwUnless(Decision decision, AccessAction action,
                                    java.util.function.Supplier<RuntimeException> notFound) {
        switch (decision.outcome()) {
            case ALLOWED -> {
            }
            case FORBIDDEN -> throw new AccessDeniedException(decision.roleNeeded().orElseThrow(),
                    action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            case NOT_FOUND -> throw notFound.get();
        }
    }
}

package dev.sentinel.core.application.project;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotEmptyException;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The project records: create, list, find, delete. Every change is one transaction with its audit entry. The caller's
 * role is checked by the adapter through {@code Authorization} first (creating and deleting projects is for owners).
 * Immutable and thread-safe; {@link #as(Actor)} names who acts.
 */
public final class ProjectService {

    public static final String CREATE_ACTION = "project.create";
    public static final String DELETE_ACTION = "project.delete";

    private final Storage storage;
    private final Clock clock;
    private final Actor actor;

    public ProjectService(Storage storage, Clock clock, Actor actor) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The same service, recording {@code who} as the actor of every change. */
    public ProjectService as(Actor who) {
        return new ProjectService(storage, clock, who);
    }

    /**
     * Creates a project named {@code name} (the project-name rules) with an optional display name; every broken rule is
     * named at once, and a taken name is a {@link ConflictException} on {@code name}.
     */
    public Project create(String name, String displayName) {
        Instant now = clock.instant();
        Project project = Project.create(name, displayName, now);
        return storage.inTransaction(session -> {
            if (!session.projects().addIfAbsent(project)) {
                throw new ConflictException("name", "a project named " + project.name() + " exists");
            }
            audit(session, now, CREATE_ACTION, project.name(), project.displayName().map(shown -> "display_name="
                    + shown).orElse(""));
            return project;
        });
    }

    public Optional<Project> find(ProjectId name) {
        return storage.read(session -> session.projects().find(name));
    }

    /** Every project, by name, with its pass count and last activity. */
    public List<ProjectOverview> list() {
        return storage.read(session -> {
            Map<ProjectId, ProjectSummary> summaries = session.passes().projects().stream()
                    .collect(Collectors.toMap(ProjectSummary::name, Function.identity()));
            return session.projects().list().stream().map(project -> {
                ProjectSummary summary = summaries.get(project.name());
                return summary == null ? new ProjectOverview(project, 0, Optional.empty())
                        : new ProjectOverview(project, summary.passes(), summary.lastActivity());
            }).toList();
        });
    }

    /** The projects {@code viewer} may see: all for owners (and the legacy ingest token), else its own. */
    public List<ProjectOverview> listVisibleTo(Principal viewer) {
        List<ProjectOverview> all = list();
        if (viewer.allProjects()) {
            return all;
        }
        return all.stream().filter(overview -> viewer.projectRoles().containsKey(overview.project().name())).toList();
    }

    /**
     * Deletes a project that holds no passes (else {@link ProjectNotEmptyException}), with its memberships; access keys
     * whose only project it was are revoked with it (others lose it from their projects).
     *
     * @throws ProjectNotFoundException when there is no such project
     */
    public void delete(ProjectId name) {
        storage.inTransaction(session -> {
            Instant now = clock.instant();
            session.projects().findForUpdate(name).orElseThrow(() -> new ProjectNotFoundException(name.value()));
            int passes = session.passes().listByProject(name).size();
            if (passes > 0) {
                throw new ProjectNotEmptyException(name.value(), passes);
            }
            List<AccessKey> onlyHere = session.accessKeys().list().stream()
                    .filter(key -> key.projects().equals(java.util.Set.of(name))).toList();
            onlyHere.forEach(key -> session.accessKeys().delete(key.id()));
            int members = session.memberships().listByProject(name).size();
            session.projects().delete(name);
            audit(session, now, DELETE_ACTION, name, "members_removed=" + members + " access_keys_revoked="
                    + onlyHere.stream().map(key -> key.id().value()).toList());
            return null;
        });
    }

    private void audit(StorageSession session, Instant now, String action, ProjectId project, String detail) {
        session.audit().record(new AuditEntry(now, actor.name(), action, Optional.empty(), detail).inProject(project));
    }
}

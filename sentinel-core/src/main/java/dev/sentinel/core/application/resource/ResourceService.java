package dev.sentinel.core.application.resource;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.domain.resource.ResourceNotFoundException;
import dev.sentinel.core.domain.resource.ResourceScope;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The projects' registered resources: the resource servers (MCP servers, APIs) the project's passes and people may
 * ask tokens for. The project's viewers list and read them, its admins (and owners) register, change and delete them;
 * a resource outside the caller's projects is not found. One identifier belongs to one project. Every change is one
 * transaction with its audit entry ({@value #CREATE_ACTION}, {@value #CHANGE_ACTION}, {@value #DELETE_ACTION}).
 * Thread-safe.
 */
public final class ResourceService {

    public static final String CREATE_ACTION = "resource.create";
    public static final String CHANGE_ACTION = "resource.change";
    public static final String DELETE_ACTION = "resource.delete";
    /** The most resources one project may register. */
    public static final int MAX_PER_PROJECT = 100;

    private final Storage storage;
    private final CredentialGenerator generator;
    private final Clock clock;

    public ResourceService(Storage storage, CredentialGenerator generator, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The project's resources, oldest first. */
    public List<RegisteredResource> list(Principal caller, ProjectId project) {
        Authorization.require(caller, AccessAction.READ_PROJECT, project);
        return storage.read(session -> {
            session.projects().find(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            return session.resources().listByProject(project);
        });
    }

    /** The resource, when the caller may read its project. */
    public RegisteredResource get(Principal caller, ResourceId id) {
        RegisteredResource resource = storage.read(session -> session.resources().find(id))
                .orElseThrow(() -> new ResourceNotFoundException(id.value()));
        requireOn(caller, AccessAction.READ_PROJECT, resource);
        return resource;
    }

    /**
     * Registers a resource in {@code project}.
     *
     * @throws dev.sentinel.core.domain.ValidationException every broken rule at once
     * @throws dev.sentinel.core.domain.ConflictException when some project registered the identifier already
     */
    public RegisteredResource create(Principal caller, ProjectId project, ResourceDraft draft) {
        return create(caller, project, draft, List.of());
    }

    /**
     * Registers a resource, or names every broken rule: {@code unreadable} (fields the transport could not read)
     * and those of the rest of the draft.
     */
    public RegisteredResource create(Principal caller, ProjectId project, ResourceDraft draft,
                                     List<FieldViolation> unreadable) {
        Authorization.require(caller, AccessAction.MANAGE_RESOURCES, project);
        Instant now = clock.instant();
        return storage.inTransaction(session -> {
            session.projects().find(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            Violations violations = new Violations();
            ResourceDraft.Checked checked = checked(draft, unreadable, violations);
            if (session.resources().listByProject(project).size() >= MAX_PER_PROJECT) {
                violations.add("project", "holds " + MAX_PER_PROJECT + " resources, the most a project may");
            }
            violations.throwIfAny();
            RegisteredResource resource = new RegisteredResource(new ResourceId(generator.randomId(ResourceId.PREFIX,
                    ResourceId.RANDOM_LENGTH)), project, checked.identifier(), checked.name(), checked.scopes(), now);
            session.resources().add(resource);
            audit(session, caller, now, CREATE_ACTION, resource, describe(resource));
            return resource;
        });
    }

    /**
     * Replaces what the resource says by {@code draft} (start from {@link ResourceDraft#of} and change fields); its
     * id, project and registration time stay. Tokens already issued for the old identifier live on until they expire.
     */
    public RegisteredResource change(Principal caller, ResourceId id, ResourceDraft draft) {
        return change(caller, id, draft, List.of());
    }

    /** Changes the resource, or names every broken rule: {@code unreadable} and those of the rest of the draft. */
    public RegisteredResource change(Principal caller, ResourceId id, ResourceDraft draft,
                                     List<FieldViolation> unreadable) {
        requireOn(caller, AccessAction.MANAGE_RESOURCES, get(caller, id));
        Instant now = clock.instant();
        return storage.inTransaction(session -> {
            // the resource as this transaction sees it, so that the audit's "before" is what was replaced
            RegisteredResource before = session.resources().find(id)
                    .orElseThrow(() -> new ResourceNotFoundException(id.value()));
            Violations violations = new Violations();
            ResourceDraft.Checked checked = checked(draft, unreadable, violations);
            violations.throwIfAny();
            RegisteredResource after = new RegisteredResource(id, before.project(), checked.identifier(),
                    checked.name(), checked.scopes(), before.createdAt());
            session.resources().replace(after);
            audit(session, caller, now, CHANGE_ACTION, after, "before: " + describe(before) + " after: "
                    + describe(after));
            return after;
        });
    }

    /** Deletes the resource: the project's passes may no longer ask for it unless it is one of their audiences. */
    public void delete(Principal caller, ResourceId id) {
        RegisteredResource resource = get(caller, id);
        requireOn(caller, AccessAction.MANAGE_RESOURCES, resource);
        storage.inTransaction(session -> {
            if (session.resources().delete(id)) {
                audit(session, caller, clock.instant(), DELETE_ACTION, resource, describe(resource));
            }
            return null;
        });
    }

    private static ResourceDraft.Checked checked(ResourceDraft draft, List<FieldViolation> unreadable,
                                                 Violations violations) {
        Violations fromDraft = new Violations();
        ResourceDraft.Checked checked = draft.check(fromDraft);
        violations.addUnreadableThen(unreadable, fromDraft);
        return checked;
    }

    private static void requireOn(Principal caller, AccessAction action, RegisteredResource resource) {
        try {
            Authorization.require(caller, action, resource.project());
        } catch (ProjectNotFoundException hidden) {
            throw new ResourceNotFoundException(resource.id().value());
        }
    }

    private static void audit(StorageSession session, Principal caller, Instant now, String action,
                              RegisteredResource resource, String detail) {
        session.audit().record(new AuditEntry(now, caller.actor().name(), action, Optional.empty(),
                "resource=" + resource.id() + " " + detail).inProject(resource.project()));
    }

    /** The resource in one line for the audit trail. */
    static String describe(RegisteredResource resource) {
        return "identifier=" + resource.identifier() + " name=\"" + resource.name() + "\" scopes={"
                + resource.scopes().stream().map(ResourceService::describe).collect(Collectors.joining(", ")) + "}";
    }

    private static String describe(ResourceScope scope) {
        return scope.name() + "(" + scope.minRole().code() + ")";
    }
}

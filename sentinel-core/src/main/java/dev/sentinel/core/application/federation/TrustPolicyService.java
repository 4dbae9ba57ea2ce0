package dev.sentinel.core.application.federation;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.domain.federation.TrustPolicyNotFoundException;
import dev.sentinel.core.fetch.FetchPolicy;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The projects' trust policies: the project's viewers list and read them, its admins (and owners) create, change and
 * delete them; a policy outside the caller's projects is not found. A policy's pass must be a pass of the same project.
 * Every change is one transaction with its audit entry ({@value #CREATE_ACTION}, {@value #CHANGE_ACTION},
 * {@value #DELETE_ACTION}). Thread-safe.
 */
public final class TrustPolicyService {

    public static final String CREATE_ACTION = "trust_policy.create";
    public static final String CHANGE_ACTION = "trust_policy.change";
    public static final String DELETE_ACTION = "trust_policy.delete";
    /** The most policies one project may hold. */
    public static final int MAX_PER_PROJECT = 100;

    private final Storage storage;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final Supplier<String> defaultAudience;
    private final FetchPolicy fetching;

    /**
     * Policies whose {@code issuer} and {@code jwks_uri} are https.
     *
     * @param defaultAudience Sentinel's issuer identifier, the audience of a policy that names none
     */
    public TrustPolicyService(Storage storage, CredentialGenerator generator, Clock clock,
                              Supplier<String> defaultAudience) {
        this(storage, generator, clock, defaultAudience, FetchPolicy.publicTargetsOnly());
    }

    /**
     * Policies whose keys are fetched under {@code fetching}: where it allows private targets, {@code issuer} and
     * {@code jwks_uri} may also be plain http to a loopback or private address.
     */
    public TrustPolicyService(Storage storage, CredentialGenerator generator, Clock clock,
                              Supplier<String> defaultAudience, FetchPolicy fetching) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultAudience = Objects.requireNonNull(defaultAudience, "defaultAudience");
        this.fetching = Objects.requireNonNull(fetching, "fetching");
    }

    /** The project's policies, oldest first. */
    public List<TrustPolicy> list(Principal caller, ProjectId project) {
        Authorization.require(caller, AccessAction.READ_PROJECT, project);
        return storage.read(session -> {
            session.projects().find(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            return session.trustPolicies().listByProject(project);
        });
    }

    /** The policy, when the caller may read its project. */
    public TrustPolicy get(Principal caller, TrustPolicyId id) {
        TrustPolicy policy = storage.read(session -> session.trustPolicies().find(id))
                .orElseThrow(() -> new TrustPolicyNotFoundException(id.value()));
        requireOn(caller, AccessAction.READ_PROJECT, policy);
        return policy;
    }

    /**
     * Creates a policy in {@code project}.
     *
     * @throws dev.sentinel.core.domain.ValidationException every broken rule at once, the pass's included
     */
    public TrustPolicy create(Principal caller, ProjectId project, TrustPolicyDraft draft) {
        return create(caller, project, draft, List.of());
    }

    /**
     * Creates a policy in {@code project}, or names every broken rule: {@code unreadable} (fields the transport could
     * not read) and those of the rest of the draft.
     */
    public TrustPolicy create(Principal caller, ProjectId project, TrustPolicyDraft draft,
                              List<dev.sentinel.core.domain.FieldViolation> unreadable) {
        Authorization.require(caller, AccessAction.MANAGE_TRUST_POLICIES, project);
        Instant now = clock.instant();
        return storage.inTransaction(session -> {
            session.projects().find(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            Violations violations = new Violations();
            TrustPolicyDraft.Checked checked = checked(session, project, draft, unreadable, violations);
            if (session.trustPolicies().listByProject(project).size() >= MAX_PER_PROJECT) {
                violations.add("project", "holds " + MAX_PER_PROJECT + " trust policies, the most a project may");
            }
            violations.throwIfAny();
            TrustPolicy policy = new TrustPolicy(new TrustPolicyId(generator.randomId(TrustPolicyId.PREFIX,
                    TrustPolicyId.RANDOM_LENGTH)), project, checked.issuer(), checked.keys(), checked.audience(),
                    checked.conditions(), checked.maxTokenAge(), checked.passId(), checked.description(), now);
            session.trustPolicies().add(policy);
            audit(session, caller, now, CREATE_ACTION, policy, describe(policy));
            return policy;
        });
    }

    /**
     * Replaces what the policy says by {@code draft} (start from {@link TrustPolicyDraft#of} and change fields); its
     * id, project and creation time stay.
     */
    public TrustPolicy change(Principal caller, TrustPolicyId id, TrustPolicyDraft draft) {
        return change(caller, id, draft, List.of());
    }

    /** Changes the policy, or names every broken rule: {@code unreadable} and those of the rest of the draft. */
    public TrustPolicy change(Principal caller, TrustPolicyId id, TrustPolicyDraft draft,
                              List<dev.sentinel.core.domain.FieldViolation> unreadable) {
        requireOn(caller, AccessAction.MANAGE_TRUST_POLICIES, get(caller, id));
        Instant now = clock.instant();
        return storage.inTransaction(session -> {
            // the policy as this transaction sees it, so that the audit's "before" is what was replaced
            TrustPolicy before = session.trustPolicies().find(id)
                    .orElseThrow(() -> new TrustPolicyNotFoundException(id.value()));
            Violations violations = new Violations();
            TrustPolicyDraft.Checked checked = checked(session, before.project(), draft, unreadable, violations);
            violations.throwIfAny();
            TrustPolicy after = new TrustPolicy(id, before.project(), checked.issuer(), checked.keys(),
                    checked.audience(), checked.conditions(), checked.maxTokenAge(), checked.passId(),
                    checked.description(), before.createdAt());
            session.trustPolicies().replace(after);
            audit(session, caller, now, CHANGE_ACTION, after, "before: " + describe(before) + " after: "
                    + describe(after));
            return after;
        });
    }

    /** Deletes the policy: its workloads' tokens are refused from now on (tokens already issued live on). */
    public void delete(Principal caller, TrustPolicyId id) {
        TrustPolicy policy = get(caller, id);
        requireOn(caller, AccessAction.MANAGE_TRUST_POLICIES, policy);
        storage.inTransaction(session -> {
            if (session.trustPolicies().delete(id)) {
                audit(session, caller, clock.instant(), DELETE_ACTION, policy, describe(policy));
            }
            return null;
        });
    }

    /** The checked draft (null when a rule is broken), every broken rule added to {@code violations}. */
    private TrustPolicyDraft.Checked checked(StorageSession session, ProjectId project, TrustPolicyDraft draft,
                                             List<dev.sentinel.core.domain.FieldViolation> unreadable,
                                             Violations violations) {
        Violations fromDraft = new Violations();
        TrustPolicyDraft.Checked checked = draft.check(fromDraft, defaultAudience.get(), fetching);
        if (checked != null) {
            checkPass(session, project, checked.passId(), fromDraft);
        } else if (draft.passId() != null && fromDraft.list().stream()
                .noneMatch(violation -> violation.field().equals(TrustPolicyDraft.PASS_ID))) {
            checkPass(session, project, PassId.of(draft.passId().strip()), fromDraft);
        }
        violations.addUnreadableThen(unreadable, fromDraft);
        return checked;
    }

    /** The pass must exist in the policy's own project: a pass of another project is refused like a missing one. */
    private static void checkPass(StorageSession session, ProjectId project, PassId passId, Violations violations) {
        Optional<Pass> pass = session.passes().find(passId);
        if (pass.isEmpty() || !pass.get().project().equals(project)) {
            violations.add(TrustPolicyDraft.PASS_ID, "must be a pass of the project " + project.value() + ": "
                    + passId.value() + " is none");
        }
    }

    private static void requireOn(Principal caller, AccessAction action, TrustPolicy policy) {
        try {
            Authorization.require(caller, action, policy.project());
        } catch (ProjectNotFoundException hidden) {
            throw new TrustPolicyNotFoundException(policy.id().value());
        }
    }

    private static void audit(StorageSession session, Principal caller, Instant now, String action, TrustPolicy policy,
                              String detail) {
        session.audit().record(new AuditEntry(now, caller.actor().name(), action, Optional.of(policy.passId().value()),
                "trust_policy=" + policy.id() + " " + detail).inProject(policy.project()));
    }

    /** The policy in one line for the audit trail (keys by kind and thumbprint count, never more). */
    static String describe(TrustPolicy policy) {
        String keys = policy.keys() instanceof TrustPolicyKeys.JwksUri uri ? "jwks_uri=" + uri.uri()
                : policy.keys() instanceof TrustPolicyKeys.StaticJwks ? "jwks(static)" : "discovery";
        return "issuer=" + policy.issuer() + " keys=" + keys + " audience=" + policy.audience() + " conditions={"
                + policy.conditions().stream().map(ClaimCondition::toString).collect(Collectors.joining(", "))
                + "} max_token_age=" + policy.maxTokenAge().getSeconds() + "s pass=" + policy.passId();
    }
}

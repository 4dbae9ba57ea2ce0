package dev.sentinel.core.application;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.CredentialSet;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.NewPass;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.PermissionsView;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.PassKeysInput;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pass lifecycle: create, read, rotate credentials, toggle, revoke, activate and delete. Every change is one
 * transaction and one audit entry. Immutable and thread-safe; {@link #as(Actor)} names who acts.
 */
public final class PassService {

    /** The longest grace period a rotated-out secret may keep working. */
    public static final Duration MAX_GRACE = Duration.ofDays(30);
    public static final String GRACE_FIELD = "grace_period";
    private static final int PASS_ID_ATTEMPTS = 20;

    private final Storage storage;
    private final CredentialHasher hasher;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final Actor actor;

    public PassService(Storage storage, CredentialHasher hasher, CredentialGenerator generator, Clock clock, Actor actor) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The same service, recording {@code who} as the actor of every change. */
    public PassService as(Actor who) {
        return new PassService(storage, hasher, generator, clock, who);
    }

    /**
     * Creates the agent user and its pass together: both exist afterwards, or neither. The returned credentials are
     * the only time the secret is available. A project that does not exist yet is created with the pass, as before
     * projects were records; see {@link #create(CreatePassCommand, boolean)}.
     */
    public CreatedPass create(CreatePassCommand command) {
        return create(command, true);
    }

    /**
     * Creates the agent user and its pass together, in the command's project. When the project does not exist, it is
     * created in the same transaction if {@code createProjectIfMissing} (for owners: scripts keep working), and the
     * create fails with {@link ProjectNotFoundException} otherwise (for everyone else, to whom a project outside their
     * projects does not exist).
     */
    public CreatedPass create(CreatePassCommand command, boolean createProjectIfMissing) {
        Instant now = clock.instant();
        NewPass spec = command.validate(LocalDate.ofInstant(now, ZoneOffset.UTC));
        boolean usesKeys = spec.credentialType().usesKeys();
        ClientSecret secret = usesKeys ? null : generator.newSecret();
        ClientId clientId = generator.newClientId();
        Credential credential = usesKeys ? Credential.ofKeys(now) : Credential.current(hasher.hash(secret), now);
        return storage.inTransaction(session -> {
            ensureProject(session, spec.project(), createProjectIfMissing, now);
            PassId passId = spec.passId().isPresent() ? claim(session, spec.passId().get()) : freshPassId(session, now);
            AgentUser agent = new AgentUser(clientId, spec.agentName(), spec.agentType(), spec.description(),
                    CredentialSet.of(credential), now, now);
            Pass pass = new Pass(passId, spec.project(), clientId, spec.accessLevel(), spec.organization(),
                    spec.usageType(), spec.validity(), spec.permissions(), spec.scopes(), spec.credentialType(),
                    spec.visibility(), spec.integrationNotes(), spec.allowedNetworks(), PassState.ACTIVE, 0, now, now,
                    spec.allowedAudiences(), spec.keys());
            session.agentUsers().add(agent);
            session.passes().add(pass);
            audit(session, now, "pass.create", pass, "client_id=" + clientId + " project=" + spec.project()
                    + " allowed_ips=" + spec.allowedNetworks() + (usesKeys ? " credential_type="
                    + spec.credentialType().code() + " " + keysDetail(spec.keys()) : ""));
            return new CreatedPass(new SentinelPass(agent, pass), usesKeys ? IssuedCredentials.keysOnly(clientId)
                    : new IssuedCredentials(clientId, secret));
        });
    }

    public SentinelPass get(PassId passId) {
        return storage.read(session -> load(session, passId, false));
    }

    public Optional<SentinelPass> find(PassId passId) {
        return storage.read(session -> session.passes().find(passId)
                .flatMap(pass -> session.agentUsers().find(pass.clientId()).map(agent -> new SentinelPass(agent, pass))));
    }

    /** The project's passes, oldest first. */
    public List<SentinelPass> list(ProjectId project) {
        return storage.read(session -> session.passes().listByProject(project).stream()
                .flatMap(pass -> session.agentUsers().find(pass.clientId()).map(agent -> new SentinelPass(agent, pass)).stream())
                .toList());
    }

    /** Every project's passes: the projects by name, as {@link #projects()} orders them, each one's oldest first. */
    public List<SentinelPass> listAll() {
        return storage.read(session -> session.passes().projects().stream()
                .flatMap(project -> session.passes().listByProject(project.name()).stream())
                .flatMap(pass -> session.agentUsers().find(pass.clientId()).map(agent -> new SentinelPass(agent, pass)).stream())
                .toList());
    }

    /** Every project that holds a pass, by name, with its pass count and last activity. */
    public List<ProjectSummary> projects() {
        return storage.read(session -> session.passes().projects());
    }

    public PermissionsView permissions(PassId passId) {
        return PermissionsView.of(get(passId).pass(), clock.instant());
    }

    /**
     * Issues a new secret. With a zero grace the old secret stops working at once, and so does every token issued so
     * far (a new generation); with a positive grace (at most {@link #MAX_GRACE}) the old secret and its tokens keep
     * working until then. Older secrets stop at once either way.
     */
    public IssuedCredentials regenerate(PassId passId, Duration grace) {
        Objects.requireNonNull(grace, GRACE_FIELD);
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ValidationException.of(GRACE_FIELD, "must be between 0 and 30 days");
        }
        ClientSecret secret = generator.newSecret();
        String hash = hasher.hash(secret);
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            SentinelPass current = load(session, passId, true);
            if (current.pass().credentialType().usesKeys()) {
                throw new ConflictException(CredentialType.FIELD, "pass " + passId + " authenticates with "
                        + "private_key_jwt and has no client secret to regenerate; change its keys with PATCH "
                        + "/api/v1/passes/" + passId + " (jwks or jwks_uri)");
            }
            AgentUser agent = current.agent();
            CredentialSet rotated = agent.credentials().rotate(Credential.current(hash, now), now, grace);
            session.agentUsers().update(agent.withCredentials(rotated, now));
            if (grace.isZero()) {
                session.passes().update(current.pass().nextGeneration(now));
            }
            audit(session, now, "pass.regenerate", current.pass(), "grace_period=" + grace);
            return new IssuedCredentials(agent.clientId(), secret);
        });
    }

    /** Deactivates an active pass or reactivates a deactivated one; a revoked pass must be activated instead. */
    public SentinelPass toggle(PassId passId) {
        return changeState(passId, "pass.toggle", state -> {
            if (state == PassState.REVOKED) {
                throw new ConflictException("", "pass " + passId + " is revoked; activate it to re-enable it");
            }
            return state == PassState.ACTIVE ? PassState.INACTIVE : PassState.ACTIVE;
        });
    }

    /** Disables the pass and marks it revoked; the pass and its history are kept. */
    public SentinelPass revoke(PassId passId) {
        return changeState(passId, "pass.revoke", state -> PassState.REVOKED);
    }

    /** Re-enables a deactivated or revoked pass. */
    public SentinelPass activate(PassId passId) {
        return changeState(passId, "pass.activate", state -> PassState.ACTIVE);
    }

    /**
     * Binds the pass to {@code networks} (unrestricted when empty). Takes effect for the next token request at once and
     * for tokens already issued within the guard's state TTL; the audit entry names the old and new networks.
     */
    public SentinelPass changeAllowedNetworks(PassId passId, AllowedNetworks networks) {
        Objects.requireNonNull(networks, AllowedNetworks.FIELD);
        return storage.inTransaction(session -> change(session, passId, networks, null, new Violations()));
    }

    /**
     * Changes the keys of a {@code private_key_jwt} pass ({@code jwks} or {@code jwks_uri}, and the
     * {@code accept_token_endpoint_audience} opt-in); what the input does not give stays. Audited as
     * {@value #KEYS_ADD_ACTION} (only keys added), {@value #KEYS_REMOVE_ACTION} (only keys removed) or
     * {@value #KEYS_REPLACE_ACTION} (anything else, such as a new {@code jwks_uri} or only the opt-in), with the
     * thumbprints added and removed. A change that withdraws a key (or a {@code jwks_uri}) ends every token issued so
     * far (a new generation); adding keys ends none.
     *
     * @throws ConflictException for a pass with a client secret
     * @throws ValidationException naming each broken rule (nothing is changed)
     */
    public SentinelPass changeKeys(PassId passId, PassKeysInput input) {
        Objects.requireNonNull(input, "input");
        return storage.inTransaction(session -> change(session, passId, null, input, new Violations()));
    }

    /**
     * Changes the networks ({@code allowedIps}, when given: null or empty means any address) and the keys
     * ({@code keys}, when given) of a pass in one transaction, each audited as {@link #changeAllowedNetworks} and
     * {@link #changeKeys} do: both are checked before either changes, every broken rule of both named at once, and
     * either both change or neither does.
     */
    public SentinelPass change(PassId passId, Optional<List<String>> allowedIps, Optional<PassKeysInput> keys) {
        return storage.inTransaction(session -> {
            Violations violations = new Violations();
            AllowedNetworks networks = allowedIps.map(texts -> violations.check(() -> AllowedNetworks.parse(texts)))
                    .orElse(null);
            return change(session, passId, networks, keys.orElse(null), violations);
        });
    }

    private SentinelPass change(StorageSession session, PassId passId, AllowedNetworks networks, PassKeysInput keys,
                                Violations violations) {
        Instant now = clock.instant();
        SentinelPass current = load(session, passId, true);
        Pass pass = current.pass();
        PassKeys next = null;
        if (keys != null) {
            if (!pass.credentialType().usesKeys()) {
                throw new ConflictException(CredentialType.FIELD, "pass " + passId + " authenticates with a client "
                        + "secret; only a private_key_jwt pass has keys (create one with credential_type "
                        + "private_key_jwt)");
            }
            next = keys.change(pass.keys(), violations);
        }
        violations.throwIfAny();
        Pass changed = pass;
        if (networks != null) {
            changed = changed.withAllowedNetworks(networks, now);
            audit(session, now, "pass.allowed_ips", changed, "allowed_ips " + pass.allowedNetworks() + " -> "
                    + networks);
        }
        if (next != null) {
            KeyChange change = KeyChange.between(pass.keys(), next);
            changed = changed.withKeys(next, change.withdraws(), now);
            audit(session, now, change.action(), changed, change.detail());
        }
        session.passes().update(changed);
        return new SentinelPass(current.agent(), changed);
    }

    public static final String KEYS_ADD_ACTION = "pass.keys.add";
    public static final String KEYS_REMOVE_ACTION = "pass.keys.remove";
    public static final String KEYS_REPLACE_ACTION = "pass.keys.replace";

    private static String keysDetail(PassKeys keys) {
        return keys.jwksUri().map(uri -> "jwks_uri=" + uri)
                .orElse("key_thumbprints=" + String.join(",", PassKeySets.thumbprints(keys)))
                + (keys.acceptTokenEndpointAudience() ? " accept_token_endpoint_audience=true" : "");
    }

    /** What a change of keys adds and withdraws. */
    private record KeyChange(List<String> added, List<String> removed, PassKeys before, PassKeys after) {

        static KeyChange between(PassKeys before, PassKeys after) {
            List<String> old = PassKeySets.thumbprints(before);
            List<String> now = PassKeySets.thumbprints(after);
            return new KeyChange(now.stream().filter(print -> !old.contains(print)).toList(),
                    old.stream().filter(print -> !now.contains(print)).toList(), before, after);
        }

        boolean uriChanged() {
            return !before.jwksUri().equals(after.jwksUri());
        }

        /** Whether a key the pass trusted is no longer trusted. */
        boolean withdraws() {
            return !removed.isEmpty() || (before.jwksUri().isPresent() && uriChanged());
        }

        String action() {
            if (uriChanged() || before.jwksUri().isPresent()) {
                return KEYS_REPLACE_ACTION;
            }
            if (!added.isEmpty() && removed.isEmpty()) {
                return KEYS_ADD_ACTION;
            }
            if (added.isEmpty() && !removed.isEmpty()) {
                return KEYS_REMOVE_ACTION;
            }
            return KEYS_REPLACE_ACTION;
        }

        String detail() {
            StringBuilder detail = new StringBuilder();
            detail.append("added=").append(added.isEmpty() ? "-" : String.join(",", added))
                    .append(" removed=").append(removed.isEmpty() ? "-" : String.join(",", removed));
            if (uriChanged()) {
                detail.append(" jwks_uri ").append(before.jwksUri().map(Object::toString).orElse("-")).append(" -> ")
                        .append(after.jwksUri().map(Object::toString).orElse("-"));
            }
            if (before.acceptTokenEndpointAudience() != after.acceptTokenEndpointAudience()) {
                detail.append(" accept_token_endpoint_audience ").append(before.acceptTokenEndpointAudience())
                        .append(" -> ").append(after.acceptTokenEndpointAudience());
            }
            if (withdraws()) {
                detail.append(" tokens_ended=true");
            }
            return detail.toString();
        }
    }

    /** Permanently removes the pass, its agent user and credentials, its activity and its rollups. */
    public void delete(PassId passId) {
        storage.inTransaction(session -> {
            Instant now = clock.instant();
            Pass pass = session.passes().findForUpdate(passId).orElseThrow(() -> new PassNotFoundException(passId.value()));
            long events = session.activity().deleteByPass(passId);
            session.usage().deleteByPass(passId);
            session.passes().delete(passId);
            session.agentUsers().delete(pass.clientId());
            audit(session, now, "pass.delete", pass, "client_id=" + pass.clientId() + " events_deleted=" + events);
            return null;
        });
    }

    private SentinelPass changeState(PassId passId, String action, java.util.function.UnaryOperator<PassState> next) {
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            SentinelPass current = load(session, passId, true);
            PassState before = current.pass().state();
            PassState after = next.apply(before);
            Pass changed = current.pass().withState(after, now);
            session.passes().update(changed);
            audit(session, now, action, changed, before.code() + " -> " + after.code());
            return new SentinelPass(current.agent(), changed);
        });
    }

    private static SentinelPass load(StorageSession session, PassId passId, boolean lock) {
        Optional<Pass> pass = lock ? session.passes().findForUpdate(passId) : session.passes().find(passId);
        Pass found = pass.orElseThrow(() -> new PassNotFoundException(passId.value()));
        // a pass whose agent user is gone is being deleted by another transaction: to this reader it is gone too
        AgentUser agent = (lock ? session.agentUsers().findForUpdate(found.clientId()) : session.agentUsers().find(found.clientId()))
                .orElseThrow(() -> new PassNotFoundException(passId.value()));
        return new SentinelPass(agent, found);
    }

    private static PassId claim(StorageSession session, PassId wanted) {
        if (session.passes().find(wanted).isPresent()) {
            throw new ConflictException(PassId.FIELD, "pass_id " + wanted + " is taken; choose another or leave it empty");
        }
        return wanted;
    }

    private PassId freshPassId(StorageSession session, Instant now) {
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        for (int attempt = 0; attempt < PASS_ID_ATTEMPTS; attempt++) {
            PassId candidate = generator.newPassId(year);
            if (session.passes().find(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new ConflictException(PassId.FIELD, "could not find a free pass id for " + year + "; set pass_id explicitly");
    }

    private void audit(StorageSession session, Instant now, String action, Pass pass, String detail) {
        session.audit().record(new AuditEntry(now, actor.name(), action, Optional.of(pass.passId().value()), detail)
                .inProject(pass.project()));
    }

    private void ensureProject(StorageSession session, ProjectId project, boolean createIfMissing, Instant now) {
        if (session.projects().findForUpdate(project).isPresent()) {
            return;
        }
        if (!createIfMissing) {
            throw new ProjectNotFoundException(project.value());
        }
        if (session.projects().addIfAbsent(dev.sentinel.core.domain.Project.named(project, now))) {
            session.audit().record(new AuditEntry(now, actor.name(),
                    dev.sentinel.core.application.project.ProjectService.CREATE_ACTION, Optional.empty(),
                    "created with its first pass").inProject(project));
        }
        session.projects().findForUpdate(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
    }
}

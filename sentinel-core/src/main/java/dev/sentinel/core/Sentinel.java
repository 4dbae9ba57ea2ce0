package dev.sentinel.core;

import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.access.AccountService;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.application.access.SetupLinkService;
import dev.sentinel.core.application.analytics.ActivityRetention;
import dev.sentinel.core.application.audit.AuditChain;
import dev.sentinel.core.application.audit.AuditService;
import dev.sentinel.core.application.audit.SealingStorage;
import dev.sentinel.core.application.federation.TrustPolicyService;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.application.analytics.UsageService;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embeddable entry point: Sentinel Passes for AI agents and automation, on the storage you choose.
 *
 * <pre>{@code
 * Sentinel sentinel = Sentinel.builder().build();              // in memory
 * CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("demo")
 *         .agentName("My Security Agent").agentType("Sourcing Agent").build());
 * AuthenticationResult result = sentinel.authenticate(created.credentials().clientId().value(),
 *         created.credentials().clientSecret().reveal());
 *
 * TokenService tokens = sentinel.tokens(TokenSettings.builder("https://auth.example.com", keyEncryptionKey).build()).start();
 * IssuedToken token = tokens.grant(TokenRequest.clientCredentials(clientId, clientSecret).build());   // recorded
 * boolean active = tokens.introspect(token.accessToken(), TokenCaller.admin()).active();
 * }</pre>
 *
 * <p>Every port can be replaced through the {@link Builder}: storage (in memory by default), credential hasher
 * (SHA-256 by default), clock (UTC system clock) and random source. Instances are immutable and thread-safe.
 */
public final class Sentinel {

    private final Storage storage;
    private final CredentialHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final PassService passes;
    private final Authenticator authenticator;
    private final UsageService usage;
    private final ActivityService activity;
    private final ActivityIngest ingest;
    private final Storage unsealed;
    private final CredentialHasher passwordHasher;
    private final byte[] keyEncryptionKey;
    private final Optional<AuditChain> auditChain;
    private final ProjectService projects;
    private final MembershipService memberships;
    private final AccountService accounts;
    private final AccessKeyService accessKeys;
    private final dev.sentinel.core.application.access.SessionService sessions;
    private final Authorization authorization;
    private final AuditService audit;
    private final SetupLinkService setupLinks;

    private Sentinel(Builder builder) {
        this.unsealed = builder.storage;
        this.keyEncryptionKey = builder.keyEncryptionKey == null ? null : builder.keyEncryptionKey.clone();
        this.auditChain = Optional.ofNullable(keyEncryptionKey).map(AuditChain::fromKeyEncryptionKey);
        this.storage = auditChain.<Storage>map(chain -> SealingStorage.of(unsealed, chain)).orElse(unsealed);
        this.passwordHasher = builder.passwordHasher != null ? builder.passwordHasher : CredentialHashers.argon2id();
        this.hasher = builder.hasher;
        this.clock = builder.clock;
        this.random = builder.random;
        this.passes = new PassService(storage, hasher, new CredentialGenerator(builder.random), clock, Actor.LIBRARY);
        this.authenticator = new Authenticator(storage, hasher);
        this.usage = new UsageService(storage, clock);
        this.activity = new ActivityService(storage);
        this.ingest = new ActivityIngest(storage, clock, ActivityRetention.DEFAULT);
        CredentialGenerator generator = new CredentialGenerator(builder.random);
        this.projects = new ProjectService(storage, clock, Actor.LIBRARY);
        this.memberships = new MembershipService(storage, clock, Actor.LIBRARY);
        this.accounts = new AccountService(storage, passwordHasher, generator, clock,
                Optional.ofNullable(keyEncryptionKey), Actor.LIBRARY);
        this.accessKeys = new AccessKeyService(storage, generator, clock, Actor.LIBRARY);
        this.sessions = new dev.sentinel.core.application.access.SessionService(storage, accounts, generator, clock,
                dev.sentinel.core.application.access.SessionLimits.DEFAULTS);
        this.authorization = new Authorization(storage);
        this.audit = new AuditService(storage, clock, auditChain);
        this.setupLinks = new SetupLinkService(storage, passwordHasher, generator, clock, Actor.LIBRARY);
    }

    /**
     * This Sentinel with {@code keyEncryptionKey}: audit entries sealed with the key derived from it, TOTP secrets
     * encrypted under it. The node uses it with its configured (or per-process) key.
     */
    Sentinel withKeyEncryptionKey(byte[] value) {
        Builder copy = new Builder().storage(unsealed).hasher(hasher).clock(clock).random(random)
                .passwordHasher(passwordHasher).keyEncryptionKey(value);
        return copy.build();
    }

    /** The project records, acting as {@link Actor#LIBRARY}; use {@link ProjectService#as(Actor)} to name another. */
    public ProjectService projects() {
        return projects;
    }

    /** Who is admin or viewer of which project, acting as {@link Actor#LIBRARY}. */
    public MembershipService memberships() {
        return memberships;
    }

    /**
     * People's accounts (passwords hashed with Argon2id, TOTP secrets encrypted under the key-encryption key; without
     * one, TOTP enrolment is refused), acting as {@link Actor#LIBRARY}.
     */
    public AccountService accounts() {
        return accounts;
    }

    /** Access keys for automation, acting as {@link Actor#LIBRARY}; one instance, whose cache every caller shares. */
    public AccessKeyService accessKeys() {
        return accessKeys;
    }

    /** The hosts owners allow the fetcher to reach on private addresses, acting as {@link Actor#LIBRARY}. */
    public dev.sentinel.core.application.AllowedHostService allowedHosts() {
        return new dev.sentinel.core.application.AllowedHostService(storage, clock, Actor.LIBRARY);
    }

    /**
     * The projects' registered resources (the resource servers their passes and people may ask tokens for); the
     * caller is named by the {@link dev.sentinel.core.port.in.Principal} each method takes.
     */
    public dev.sentinel.core.application.resource.ResourceService resources() {
        return new dev.sentinel.core.application.resource.ResourceService(storage,
                new dev.sentinel.core.domain.CredentialGenerator(random), clock);
    }

    /**
     * One-time set-up links (valid 24 hours, used once) with which a person without a password chooses one: the first
     * owner of a new store, and recovery. Acting as {@link Actor#LIBRARY}.
     */
    public SetupLinkService setupLinks() {
        return setupLinks;
    }

    /**
     * Signed-in sessions of accounts with the default limits (30 minutes idle, 12 hours in all); use
     * {@code withLimits} for others. The node's {@code sessions()} applies its configured limits.
     */
    public dev.sentinel.core.application.access.SessionService sessions() {
        return sessions;
    }

    /** Who may do what: the roles of accounts and access keys, per project. */
    public Authorization authorization() {
        return authorization;
    }

    /**
     * The audit trail: query, export, and (with a key-encryption key, see {@link Builder#keyEncryptionKey}) verify and
     * purge behind a signed checkpoint.
     */
    public AuditService audit() {
        return audit;
    }

    /** Whether audit entries are sealed (a key-encryption key was given). */
    public boolean sealsAudit() {
        return auditChain.isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The projects' trust policies on this store (audit entries sealed as the other use cases'), for a caller without
     * a running node, such as the command line; {@code defaultAudience} gives the audience of a policy that names none
     * (Sentinel's issuer identifier). A node has its own: {@link SentinelNode#trustPolicies()}.
     */
    public TrustPolicyService trustPolicies(Supplier<String> defaultAudience) {
        return new TrustPolicyService(storage, new CredentialGenerator(random), clock, defaultAudience);
    }

    /** The pass lifecycle use cases, acting as {@link Actor#LIBRARY}; use {@link PassService#as(Actor)} to name another. */
    public PassService passes() {
        return passes;
    }

    /**
     * Authenticates client credentials now, from an unknown address: a pass bound to networks refuses it. See
     * {@link Authenticator#authenticate(String, CharSequence, Instant)}.
     */
    public AuthenticationResult authenticate(String clientId, CharSequence clientSecret) {
        return authenticator.authenticate(clientId, clientSecret, clock.instant());
    }

    /**
     * Authenticates client credentials now, presented from {@code clientAddress} (an IP address literal), which must
     * be among the pass's allowed networks when it has any.
     */
    public AuthenticationResult authenticate(String clientId, CharSequence clientSecret, String clientAddress) {
        return authenticator.authenticate(clientId, clientSecret, java.util.Optional.of(clientAddress), clock.instant());
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /**
     * The token use cases (the grants, introspection, revocation) on this Sentinel's store, with the given issuer and
     * keys, for calls from this process: every grant and refusal is recorded in the pass's activity as the server
     * records it, written in the caller's thread; nothing is throttled. Call {@link TokenService#start()} once to make
     * sure a signing key exists. Every call makes a new service with its own key cache: keep the one you use. A server
     * node gets its own through {@link SentinelNode}.
     */
    public TokenService tokens(TokenSettings settings) {
        return new TokenService(storage, authenticator, clock, settings);
    }

    /** The token use cases behind a node's front door: its recorder, throttle and admin token. */
    TokenService tokens(TokenSettings settings, TokenService.FrontDoor front) {
        return new TokenService(storage, authenticator, clock, settings, front);
    }

    /** As {@link #tokens(TokenSettings, TokenService.FrontDoor)}, checking client assertions with {@code trust}. */
    TokenService tokens(TokenSettings settings, TokenService.FrontDoor front, TokenService.AssertionTrust trust) {
        return new TokenService(storage, authenticator, clock, settings, front, trust);
    }

    /**
     * The shared signing keys alone, e.g. to rotate them from an admin tool: {@code algorithm} for new keys, the
     * key-encryption key the servers use, and their token lifetime (how long a retired key stays published).
     */
    public SigningKeyService signingKeys(String algorithm, byte[] keyEncryptionKey, java.time.Duration tokenLifetime) {
        return new SigningKeyService(storage, clock, algorithm, keyEncryptionKey, tokenLifetime);
    }

    /**
     * As {@link #signingKeys(String, byte[], java.time.Duration)}; an empty {@code algorithm} follows the store's
     * current key (ES256 for a store without keys).
     */
    public SigningKeyService signingKeys(java.util.Optional<String> algorithm, byte[] keyEncryptionKey,
                                         java.time.Duration tokenLifetime) {
        return new SigningKeyService(storage, clock, algorithm, keyEncryptionKey, tokenLifetime);
    }

    /** Usage analytics and the overview of a pass. */
    /** Alert rules and alerts of this store, publishing what fires and clears to {@code events}. */
    public dev.sentinel.core.application.alert.AlertService alerts(
            dev.sentinel.core.application.webhook.WebhookEvents events) {
        return new dev.sentinel.core.application.alert.AlertService(storage(), clock(), events);
    }

    public UsageService usage() {
        return usage;
    }

    /** The activity log: pages and exports. */
    public ActivityService activity() {
        return activity;
    }

    /** Batch ingest of activity reported by remote resource servers, for the default retention (90 days). */
    public ActivityIngest ingest() {
        return ingest;
    }

    /** Batch ingest for a store that keeps raw events for {@code retention}: older events are refused. */
    public ActivityIngest ingest(java.time.Duration retention) {
        return new ActivityIngest(storage, clock, retention);
    }

    /**
     * The admin token kept (hashed) in the store, generated and stored on the first call for a store; see
     * {@link AdminTokens#stored}.
     */
    public AdminTokens adminTokens(java.security.SecureRandom random) {
        return AdminTokens.stored(storage, random);
    }

    /**
     * Issues a new admin token for this store, replacing the stored one, audited as done by {@code actor}; see
     * {@link AdminTokens#rotate}. Servers that use the stored token accept the new one and refuse the old one within
     * {@value AdminTokens#REFRESH_SECONDS} seconds; servers with a configured admin token ignore it.
     *
     * @return the new token, to show once
     */
    public String rotateAdminToken(Actor actor) {
        return AdminTokens.rotate(storage, random, clock, actor);
    }

    /** The audit trail of what the server does to protect itself, such as throttling failed authentications. */
    public SecurityAudit securityAudit() {
        return new SecurityAudit(storage, clock);
    }

    /** Whether the store answers now (a short check, for readiness probes). */
    public boolean isStoreReachable() {
        try {
            return storage.isReachable();
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    /** The store as given, without the sealing of audit entries (the key of the per-process key-encryption keys). */
    Storage unsealedStorage() {
        return unsealed;
    }

    /** The store, for the node composed on this Sentinel. */
    Storage storage() {
        return storage;
    }

    public CredentialHasher hasher() {
        return hasher;
    }

    public Clock clock() {
        return clock;
    }

    /** Chooses the ports; every one has a default. Not thread-safe. */
    public static final class Builder {
        private Storage storage = new InMemoryStorage();
        private CredentialHasher hasher = CredentialHashers.named("sha256");
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private CredentialHasher passwordHasher;
        private byte[] keyEncryptionKey;

        private Builder() {
        }

        /** How passwords are hashed: it must support {@link CredentialHasher#hashPassword}; default Argon2id. */
        public Builder passwordHasher(CredentialHasher value) {
            this.passwordHasher = Objects.requireNonNull(value, "passwordHasher");
            return this;
        }

        /**
         * The key-encryption key (32 bytes, copied): audit entries are then sealed in an HMAC chain keyed from it, and
         * TOTP secrets are encrypted under it. Without it, entries are written unsealed (verify reports them) and TOTP
         * enrolment is refused. Give every process that writes to one store the same key.
         */
        public Builder keyEncryptionKey(byte[] value) {
            Objects.requireNonNull(value, "keyEncryptionKey");
            if (value.length != 32) {
                throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
            }
            this.keyEncryptionKey = value.clone();
            return this;
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        public Builder hasher(CredentialHasher value) {
            this.hasher = Objects.requireNonNull(value, "hasher");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Sentinel build() {
            return new Sentinel(this);
        }
    }
}

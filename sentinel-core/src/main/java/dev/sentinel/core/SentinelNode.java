package dev.sentinel.core;

import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.access.AccountService;
import dev.sentinel.core.application.access.SingleSignOnService;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.application.analytics.ActivityRetention;
import dev.sentinel.core.application.audit.AuditService;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.application.analytics.UsageService;
import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.application.recording.DeferredTasks;
import dev.sentinel.core.application.recording.FailedAttempts;
import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.ThrottleBuckets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A running Sentinel node: everything {@code sentinel serve} needs besides HTTP. It owns the activity recorder (a
 * bounded buffer and a background writer unless another recorder is given), the bounded evidence of failed
 * authentications, the failure throttle, the admin, ingest and metrics tokens behind one {@link BearerGate}, the token
 * use cases, the access keys (one cache of verified keys), the audit trail sealed with a key derived from its
 * key-encryption key, and the housekeeping schedule (failed-attempt summaries every 5 seconds; when access keys were
 * last used every minute; alert rules every 30 seconds, once per cluster; activity retention, the revoked-token deny-list, ingest idempotency keys and, when
 * configured, audit retention every hour). An HTTP adapter serves its use cases; several nodes
 * may share one store. Build one with {@link #builder(Sentinel, NodeSettings)}; {@link #start()} (which the HTTP server
 * calls) makes its signing key and admin token; {@link #close()} writes what is still buffered.
 *
 * <pre>{@code
 * NodeSettings settings = NodeSettings.builder().port(0).keyEncryptionKey(kek).build();
 * try (SentinelNode node = SentinelNode.builder(sentinel, settings).throttleBuckets(buckets).build().start()) {
 *     node.generatedAdminToken().ifPresent(token -> System.out.println("admin token: " + token));
 * }
 * }</pre>
 *
 * <p>Thread-safe; close it once.
 */
public final class SentinelNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SentinelNode.class.getName());
    /** The actor of changes made through the management API. */
    public static final Actor ADMIN_API = new Actor("admin-api");
    /** The key-encryption keys made up for stores configured without one, one per store, for this process only. */
    private static final Map<Storage, byte[]> EPHEMERAL_KEYS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Failed client authentications waiting to be looked at, and their events waiting to be written, at most. */
    private static final int EVIDENCE_QUEUE = 10_000;
    /** How often the failed authentications waiting are looked at. */
    private static final java.time.Duration EVIDENCE_INTERVAL = java.time.Duration.ofMillis(100);

    private final Sentinel sentinel;
    private final NodeSettings settings;
    private final BatchingActivityRecorder ownRecorder;
    private final ActivityRecorder recorder;
    /** The evidence of failed client authentications, written apart so that its counts never show (null: custom). */
    private final BatchingActivityRecorder evidenceRecorder;
    private final DeferredTasks evidence;
    private final FailedAttempts failedAttempts;
    private final AuthThrottle throttle;
    private final dev.sentinel.core.application.access.SessionService sessions;
    private final dev.sentinel.core.application.access.SignInService signIn;
    private final ActivityRetention retention;
    private final ActivityIngest ingest;
    private final PassService passes;
    private final dev.sentinel.core.application.alert.AlertService alerts;
    private final ScheduledExecutorService housekeeping;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String issuer;
    private final BearerGate gate;
    private final TokenService tokens;
    private final AccessKeyService accessKeys;
    private final SingleSignOnService singleSignOn;
    private final dev.sentinel.core.application.federation.TrustPolicyService trustPolicies;
    private final dev.sentinel.core.application.resource.ResourceService resources;
    /** The admin token the gate compares with; null until the node is started, which lets no admin in. */
    private volatile AdminTokens adminTokens;
    private volatile Optional<String> generatedAdminToken = Optional.empty();
    private final dev.sentinel.core.application.AllowedHostService allowedHosts;
    private final dev.sentinel.core.fetch.HttpKeySources keySources;

    private SentinelNode(Builder builder) {
        this.settings = builder.settings;
        byte[] keyEncryptionKey = settings.keyEncryptionKey().orElseGet(() -> ephemeralKey(builder.sentinel));
        this.sentinel = builder.sentinel.withKeyEncryptionKey(keyEncryptionKey);
        Storage storage = sentinel.storage();
        Clock clock = sentinel.clock();
        this.issuer = settings.issuer().orElse(settings.port() == 0 ? null : settings.baseUrl(settings.port()));
        if (builder.recorder != null) {
            this.ownRecorder = null;
            this.evidenceRecorder = null;
            this.recorder = builder.recorder;
        } else {
            StoringActivityRecorder storing = new StoringActivityRecorder(storage);
            this.ownRecorder = BatchingActivityRecorder.writingTo(storing::recordAll).start();
            this.evidenceRecorder = BatchingActivityRecorder.writingTo(storing::recordAll).capacity(EVIDENCE_QUEUE)
                    .start();
            this.recorder = ownRecorder;
        }
        this.failedAttempts = new FailedAttempts(evidenceRecorder != null ? evidenceRecorder : recorder, clock,
                FailedAttempts.WINDOW);
        this.evidence = new DeferredTasks("sentinel-failed-attempts", EVIDENCE_QUEUE, EVIDENCE_INTERVAL);
        this.throttle = new AuthThrottle(settings.throttling(), builder.buckets, sentinel.securityAudit());
        this.retention = new ActivityRetention(storage, clock, settings.activityRetention());
        this.ingest = sentinel.ingest(settings.activityRetention());
        this.passes = sentinel.passes().as(ADMIN_API);
        this.alerts = new dev.sentinel.core.application.alert.AlertService(storage, clock, builder.webhookEvents);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sentinel-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        this.accessKeys = sentinel.accessKeys().as(ADMIN_API);
        this.singleSignOn = new SingleSignOnService(storage, clock, keyEncryptionKey);
        this.gate = new BearerGate(() -> adminTokens,
                settings.ingestToken().map(token -> AdminTokens.configured(token, "ingest token")),
                settings.metricsToken().map(token -> AdminTokens.configured(token, "metrics token")), throttle,
                Optional.of(accessKeys));
        this.allowedHosts = sentinel.allowedHosts().as(ADMIN_API);
        this.keySources = dev.sentinel.core.fetch.HttpKeySources.builder(new dev.sentinel.core.fetch.TrustedFetcher(
                dev.sentinel.core.fetch.FetchPolicy.builder().allowPrivateTargets(settings.allowPrivateTargets())
                        .allowedHosts(allowedHosts::current)
                        .privateTargetsHint("start Sentinel with --allow-private-targets, or have an owner allow the"
                                + " host: sentinel allowed-host add HOST").build()))
                .staleIfError(settings.keysStaleIfError()).clock(clock).build();
        this.tokens = sentinel.tokens(tokenSettings(keyEncryptionKey), new TokenService.FrontDoor(recorder, failedAttempts::record,
                throttle, Optional.of(gate), evidence), new TokenService.AssertionTrust(Optional.of(keySources),
                Optional.empty()));
        this.sessions = sentinel.sessions().withLimits(settings.sessionLimits());
        this.trustPolicies = new dev.sentinel.core.application.federation.TrustPolicyService(storage,
                new dev.sentinel.core.domain.CredentialGenerator(new SecureRandom()), clock, this::issuer,
                keySources.policy());
        this.resources = sentinel.resources();
        this.signIn = new dev.sentinel.core.application.access.SignInService(sentinel.accounts(), sessions, throttle,
                sentinel.securityAudit(), settings.twoFactor(), clock);
    }

    /**
     * Starts the node, once (later calls do nothing): makes sure a signing key exists (a new one when the configured
     * algorithm differs from the current key's) and an admin token (the configured one, the stored one, or one
     * generated now and shown once through {@link #generatedAdminToken()}), and schedules the housekeeping. Fails with
     * {@link IllegalStateException} when the stored signing key cannot be decrypted with the configured key-encryption
     * key. The HTTP server starts its node before it listens; start it yourself to use the node without one.
     */
    public synchronized SentinelNode start() {
        if (closed.get()) {
            throw new IllegalStateException("the node is closed");
        }
        if (adminTokens != null) {
            return this;
        }
        tokens.start();
        AdminTokens admin = settings.adminToken().map(token -> AdminTokens.configured(token, "admin token"))
                .orElseGet(() -> sentinel.adminTokens(new SecureRandom()));
        generatedAdminToken = admin.generated();
        adminTokens = admin;
        if (settings.allowPrivateTargets()) {
            LOG.warning("private targets are allowed: keys and metadata may be fetched from loopback, link-local and"
                    + " private addresses, and over plain http from them (--allow-private-targets)");
        }
        housekeeping.scheduleWithFixedDelay(this::flushFailedAttempts, 5, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::purgeOldActivity, 1, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::pruneRevokedTokens, 2, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::pruneIdempotencyKeys, 3, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::flushAccessKeyUses, 60, 60, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> quietly("recording refused federated tokens",
                tokens::flushFederationRefusals), 60, 60, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::purgeExpiredSessions, 5, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::evaluateAlerts, 10,
                dev.sentinel.core.application.alert.AlertService.INTERVAL_SECONDS, TimeUnit.SECONDS);
        settings.auditRetention().ifPresent(keep ->
                housekeeping.scheduleWithFixedDelay(this::purgeOldAudit, 4, 60, TimeUnit.MINUTES));
        return this;
    }

    /** Starts configuring a node of {@code sentinel} (its storage, hasher and clock) with {@code settings}. */
    public static Builder builder(Sentinel sentinel, NodeSettings settings) {
        return new Builder(sentinel, settings);
    }

    /** The token settings, with the node's key-encryption key, which is zeroed afterwards. */
    private TokenSettings tokenSettings(byte[] keyEncryptionKey) {
        try {
            TokenSettings.Builder token = TokenSettings.builder(() -> issuer, keyEncryptionKey)
                    .lifetime(settings.tokenLifetime()).accessTokenType(settings.accessTokenType());
            settings.signingAlgorithm().ifPresent(algorithm -> token.algorithm(algorithm.joseName()));
            settings.audience().ifPresent(token::audience);
            token.acceptTokenEndpointAudience(settings.acceptTokenEndpointAudience());
            return token.build();
        } finally {
            Arrays.fill(keyEncryptionKey, (byte) 0);
        }
    }

    /**
     * Without a configured key-encryption key, one random key per store for the life of the process, so that a retry
     * on the same store can still read the keys the first attempt made.
     */
    private static byte[] ephemeralKey(Sentinel sentinel) {
        LOG.warning("no key-encryption key configured: signing keys (and the audit chain) use a key that lives only in "
                + "this process");
        return EPHEMERAL_KEYS.computeIfAbsent(sentinel.unsealedStorage(), store -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }).clone();
    }

    public NodeSettings settings() {
        return settings;
    }

    /**
     * Tells the node the port it listens on: with no configured issuer, its URL becomes the issuer of tokens and
     * metadata. The HTTP server calls this once it listens.
     */
    public void listeningOn(int boundPort) {
        if (settings.issuer().isEmpty()) {
            issuer = settings.baseUrl(boundPort);
        }
    }

    /** The projects' trust policies for workload identity federation; a policy's default audience is the issuer. */
    public dev.sentinel.core.application.federation.TrustPolicyService trustPolicies() {
        return trustPolicies;
    }

    /** The projects' registered resources: the resource servers their passes and people may ask tokens for. */
    public dev.sentinel.core.application.resource.ResourceService resources() {
        return resources;
    }

    /** The issuer of tokens and metadata: the configured one, or the URL the node listens on. */
    public String issuer() {
        String current = issuer;
        if (current == null) {
            throw new IllegalStateException("the node does not listen yet, and no issuer is configured");
        }
        return current;
    }

    /** The token use cases: grants, introspection, revocation, the local guard's check, the signing keys. */
    public TokenService tokens() {
        return tokens;
    }

    /** The pass lifecycle, acting as {@link #ADMIN_API}. */
    public PassService passes() {
        return passes;
    }

    public UsageService usage() {
        return sentinel.usage();
    }

    public ActivityService activity() {
        return sentinel.activity();
    }

    /** Batch ingest of remote activity, refusing events older than the retention. */
    public ActivityIngest ingest() {
        return ingest;
    }

    /** The admin, ingest and metrics tokens, and the access keys. */
    public BearerGate gate() {
        return gate;
    }

    /** The project records, acting as {@link #ADMIN_API}; name the caller with {@code as(principal.actor())}. */
    public ProjectService projects() {
        return sentinel.projects().as(ADMIN_API);
    }

    /** Who is admin or viewer of which project, acting as {@link #ADMIN_API}. */
    public MembershipService memberships() {
        return sentinel.memberships().as(ADMIN_API);
    }

    /** People's accounts, with TOTP secrets encrypted under the node's key-encryption key; acting as {@link #ADMIN_API}. */
    public AccountService accounts() {
        return sentinel.accounts().as(ADMIN_API);
    }

    /**
     * Single sign-on: the account a verified provider identity reaches, and the sign-in state sealed under a key derived
     * from the node's key-encryption key (so any node sharing the key finishes a sign-in another one began).
     */
    public SingleSignOnService singleSignOn() {
        return singleSignOn;
    }

    /**
     * The node's fetched key sets ({@code jwks_uri} of passes, issuers of trust policies), under its fetch policy:
     * private targets as {@link NodeSettings#allowPrivateTargets()} says, plus the owner's allowed hosts.
     */
    public dev.sentinel.core.fetch.HttpKeySources keySources() {
        return keySources;
    }

    /** The hosts owners allow the fetcher to reach on private addresses; acting as {@link #ADMIN_API}. */
    public dev.sentinel.core.application.AllowedHostService allowedHosts() {
        return allowedHosts;
    }

    /** The access keys, with the node's one cache of verified keys; acting as {@link #ADMIN_API}. */
    public AccessKeyService accessKeys() {
        return accessKeys;
    }

    /**
     * One-time set-up links: the first-run link of a new store (issued by {@code sentinel-server}) and their use from
     * the set-up page.
     */
    public dev.sentinel.core.application.access.SetupLinkService setupLinks() {
        return sentinel.setupLinks().as(new Actor(dev.sentinel.core.port.in.Principal.SERVER_NAME));
    }

    /** Signed-in sessions with the node's idle and absolute limits (every node of one database shares them). */
    public dev.sentinel.core.application.access.SessionService sessions() {
        return sessions;
    }

    /** Password sign-in into a session, throttled by the node's failure throttle, under its 2FA requirement. */
    public dev.sentinel.core.application.access.SignInService signIn() {
        return signIn;
    }

    /** Ends expired sessions now (hourly); returns how many. */
    public int purgeExpiredSessions() {
        return (int) quietly("expired session purge", sessions::purgeExpired);
    }

    /** Alert rules, alerts, and their evaluation (once per cluster, by the node holding the lease). */
    public dev.sentinel.core.application.alert.AlertService alerts() {
        return alerts;
    }

    /** Evaluates the alert rules now if this node holds the cluster's lease (every 30 seconds as well). */
    public void evaluateAlerts() {
        try {
            alerts.evaluate();
        } catch (RuntimeException failure) {
            LOG.warning("alert evaluation failed: " + failure.getMessage());
        }
    }

    /** Who may do what. */
    public Authorization authorization() {
        return sentinel.authorization();
    }

    /** The audit trail, sealed with the key derived from the node's key-encryption key: query, export, verify, purge. */
    public AuditService audit() {
        return sentinel.audit();
    }

    /** Writes when access keys were last used now (it also runs every minute and at close); returns how many. */
    public int flushAccessKeyUses() {
        return (int) quietly("recording when access keys were last used", accessKeys::flushLastUsed);
    }

    /** Deletes audit entries older than the audit retention now (hourly when one is configured); returns how many. */
    public long purgeOldAudit() {
        return quietly("audit retention purge", () -> settings.auditRetention()
                .map(keep -> sentinel.audit().purgeOlderThan(keep)).orElse(0L));
    }

    /** The failure throttle (its counters, for metrics). */
    public AuthThrottle throttle() {
        return throttle;
    }

    /** Where this node's activity goes: the built-in buffer, or the recorder it was given. */
    public ActivityRecorder recorder() {
        return recorder;
    }

    public Clock clock() {
        return sentinel.clock();
    }

    /** The admin token generated by this node's start (print it once); empty when configured or generated before. */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    /** Whether the store answers now (a short check, for readiness probes). */
    public boolean isStoreReachable() {
        return sentinel.isStoreReachable();
    }

    /**
     * The counters of the built-in activity buffer (what it took, wrote, refused); empty with a custom recorder. The
     * evidence of failed client authentications is written by a writer of its own and not among what was taken and
     * written — those counts would tell a known client id from an unknown one — but what it refused (failures that
     * found 10,000 waiting, known client id or not), its failed writes and what it lost are added in.
     */
    public Optional<RecorderStats> activityStats() {
        if (ownRecorder == null) {
            return Optional.empty();
        }
        RecorderStats own = ownRecorder.stats();
        RecorderStats evidenceStats = evidenceRecorder.stats();
        return Optional.of(new RecorderStats(own.queued(), own.accepted(), own.written(),
                own.rejected() + evidenceStats.rejected() + evidence.dropped(),
                own.failedWrites() + evidenceStats.failedWrites(), own.lost() + evidenceStats.lost()));
    }

    /**
     * Makes a new signing key and retires the current one, which stays in the JWKS until its tokens have expired.
     * Every node picks the new key up within {@value SigningKeyService#REFRESH_SECONDS} seconds.
     *
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey() {
        return rotateSigningKey(new Actor(dev.sentinel.core.port.in.Principal.SERVER_NAME));
    }

    /** As {@link #rotateSigningKey()}, with the audit entry naming {@code who} (e.g. the caller of an API). */
    public String rotateSigningKey(Actor who) {
        return tokens.keys().rotate(who);
    }

    /**
     * Records the failed authentications waiting to be looked at (they are every 100 ms), then the summaries of
     * failed-authentication windows that have ended (it also runs every 5 seconds).
     */
    public void flushFailedAttempts() {
        try {
            evidence.drain();
            failedAttempts.flush();
        } catch (RuntimeException failure) {
            LOG.warning("recording failed-attempt summaries failed: " + failure.getMessage());
        }
    }

    /** Deletes raw activity older than the retention period now (it also runs every hour); returns how many. */
    public long purgeOldActivity() {
        return quietly("activity retention purge", () -> {
            long purged = retention.purge();
            if (purged > 0) {
                LOG.info("deleted " + purged + " activity events older than " + retention.retention().toDays() + " days");
            }
            return purged;
        });
    }

    /** Forgets ingest idempotency keys older than 24 hours now (it also runs every hour); returns how many. */
    public int pruneIdempotencyKeys() {
        return (int) quietly("pruning ingest idempotency keys", ingest::pruneKeys);
    }

    /**
     * Deletes the revoked-token deny-list entries of tokens that expired more than five minutes ago now (it also runs
     * every hour); returns how many.
     */
    public int pruneRevokedTokens() {
        return (int) quietly("pruning revoked tokens", () -> {
            int pruned = tokens.pruneRevoked();
            if (pruned > 0) {
                LOG.info("deleted " + pruned + " revoked-token entries of expired tokens");
            }
            return pruned;
        });
    }

    private static long quietly(String what, LongSupplier job) {
        try {
            return job.getAsLong();
        } catch (RuntimeException failure) {
            LOG.warning(what + " failed: " + failure.getMessage());
            return 0;
        }
    }

    /**
     * Stops the housekeeping, then writes the failed attempts waiting, their summaries, the throttle's audit entries and
     * the buffers.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        evidence.close();
        failedAttempts.close();
        throttle.close();
        flushAccessKeyUses();
        if (evidenceRecorder != null) {
            evidenceRecorder.close();
        }
        if (ownRecorder != null) {
            ownRecorder.close();
        }
    }

    @Override
    public String toString() {
        return "SentinelNode[" + settings + "]";
    }

    /** Chooses the node's ports; {@link #build()} makes the node. Not thread-safe. */
    public static final class Builder {
        private final Sentinel sentinel;
        private final NodeSettings settings;
        private ThrottleBuckets buckets;
        private ActivityRecorder recorder;
        private dev.sentinel.core.application.webhook.WebhookEvents webhookEvents = (project, type, id, data) -> { };

        private Builder(Sentinel sentinel, NodeSettings settings) {
            this.sentinel = Objects.requireNonNull(sentinel, "sentinel");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * Where the failure throttle counts (the HTTP module's {@code Bucket4jThrottleBuckets.create()}); required
         * unless the settings turn every limit off.
         */
        public Builder throttleBuckets(ThrottleBuckets value) {
            this.buckets = Objects.requireNonNull(value, "throttleBuckets");
            return this;
        }

        /**
         * Where activity goes; default a {@link StoringActivityRecorder} behind a bounded buffer and a background
         * writer. A recorder given here is called on the request thread, so it must not block.
         */
        public Builder activityRecorder(ActivityRecorder value) {
            this.recorder = Objects.requireNonNull(value, "activityRecorder");
            return this;
        }

        /** Where alerts are published when they fire and clear; default nowhere (they are still stored). */
        public Builder webhookEvents(dev.sentinel.core.application.webhook.WebhookEvents value) {
            this.webhookEvents = Objects.requireNonNull(value, "webhookEvents");
            return this;
        }

        /**
         * The node, not started yet: its activity writer runs, nothing is written to the store until
         * {@link SentinelNode#start()}. Fails with {@link IllegalStateException} when throttling is on and no
         * {@link #throttleBuckets} were given.
         */
        public SentinelNode build() {
            if (buckets == null) {
                if (!settings.throttling().isOff()) {
                    throw new IllegalStateException("the failure throttle needs buckets to count in: give the node "
                            + "throttleBuckets(...), e.g. Bucket4jThrottleBuckets.create() of sentinel-http-javalin, or "
                            + "turn throttling off");
                }
                buckets = (failures, period) -> {
                    throw new IllegalStateException("no limit is on");
                };
            }
            return new SentinelNode(this);
        }
    }
}

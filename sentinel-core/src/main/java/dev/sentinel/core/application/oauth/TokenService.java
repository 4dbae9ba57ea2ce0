package dev.sentinel.core.application.oauth;

import dev.sentinel.core.jose.Base64Url;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.application.federation.RefusalTrail;
import dev.sentinel.core.application.federation.WorkloadIdentities;
import dev.sentinel.core.fetch.KeySources;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.application.token.AccessTokenClaims;
import dev.sentinel.core.application.token.AccessTokens;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.token.TokenChecks;
import dev.sentinel.core.application.token.TokenLiveness;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.out.Storage;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The token use cases on the signing keys every node shares through the store: the grants ({@link #grants()}), with
 * the client-authentication step, the failure throttle and the recording of every attempt inside; introspection
 * (RFC 7662) and revocation (RFC 7009), for callers given directly or authenticated through the same step; and the
 * check a local guard makes ({@link #checks()}). Introspection answers the admin, a client about its own tokens, and a
 * pass holding {@value #INTROSPECT_PERMISSION} (a resource server) about any token; anybody else learns only
 * {@code active: false}. Revoking another client's token is refused. Thread-safe.
 */
public final class TokenService {

    /** The permission that lets a pass introspect every client's tokens; granted only by this exact name. */
    /** The audit action of a token revocation. */
    public static final String REVOKE_ACTION = "token.revoke";
    public static final String INTROSPECT_PERMISSION = GrantedScope.RESERVED_PREFIX + "introspect";
    /** How long after its token's expiry a deny-list entry is kept, for clocks that differ between nodes. */
    private static final Duration PRUNE_MARGIN = Duration.ofMinutes(5);
    /**
     * One DRBG per thread for token ids: the default {@code NativePRNG} shares one lock between every instance, and
     * under load the request threads queued on it.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TokenService::drbg);

    /**
     * Where the attempts at the OAuth use cases go and what guards them: successful and refused grants go to
     * {@code activity}, failed client authentications to {@code failures} (a server aggregates them, see
     * {@link dev.sentinel.core.application.recording.FailedAttempts}); {@code throttle} counts failures and refuses
     * callers over a limit; {@code adminGate} lets the admin token introspect and revoke (none: it is refused);
     * {@code evidence} runs the recording of each failed client authentication, known client id or not (a server's
     * runs it on a thread of its own, so a request does the same work either way).
     */
    public record FrontDoor(ActivityRecorder activity, ActivityRecorder failures, AuthThrottle throttle,
                            Optional<BearerGate> adminGate, Executor evidence) {

        public FrontDoor {
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(failures, "failures");
            Objects.requireNonNull(throttle, "throttle");
            Objects.requireNonNull(adminGate, "adminGate");
            Objects.requireNonNull(evidence, "evidence");
        }

        /** Failed client authentications recorded in the caller's thread. */
        public FrontDoor(ActivityRecorder activity, ActivityRecorder failures, AuthThrottle throttle,
                         Optional<BearerGate> adminGate) {
            this(activity, failures, throttle, adminGate, Runnable::run);
        }
    }

    /**
     * What checks client assertions beyond a pass's inline keys: {@code keySources} fetches the keys of passes with a
     * {@code jwks_uri} (none: such passes are refused, {@code keys_unavailable}), {@code federated} checks assertions
     * whose {@code sub} is a workload's rather than the client id (none: refused).
     */
    public record AssertionTrust(Optional<dev.sentinel.core.fetch.KeySources> keySources,
                                 Optional<FederatedClientAssertions> federated) {

        public AssertionTrust {
            Objects.requireNonNull(keySources, "keySources");
            Objects.requireNonNull(federated, "federated");
        }

        /** Inline keys only, no federation. */
        public static AssertionTrust inlineKeysOnly() {
            return new AssertionTrust(Optional.empty(), Optional.empty());
        }
    }

    private final Storage storage;
    private final Clock clock;
    private final TokenSettings settings;
    private final SigningKeyService keys;
    private final AccessTokens tokens;
    private final TokenLiveness liveness;
    private final TokenGrants grants;
    private final Federation federation;
    private final TokenIntrospection introspection;
    private final TokenRevocation revocation;
    private final TokenChecks checks;

    /**
     * The token use cases of an application that calls them in its own process: every attempt is recorded in the
     * caller's thread, nothing is throttled, and the admin token is not a caller (pass {@link TokenCaller#admin()}).
     */
    public TokenService(Storage storage, Authenticator authenticator, Clock clock, TokenSettings settings) {
        this(storage, authenticator, clock, settings, local(storage, clock));
    }

    /**
     * The token use cases behind {@code front}: how a server records, throttles and lets the admin in. Trust policies
     * find keys only in their static {@code jwks}; see the constructor with {@link KeySources}.
     */
    public TokenService(Storage storage, Authenticator authenticator, Clock clock, TokenSettings settings,
                        FrontDoor front) {
        this(storage, authenticator, clock, settings, front, AssertionTrust.inlineKeysOnly());
    }

    /**
     * The token use cases behind {@code front}, checking client assertions and workload tokens with {@code trust}:
     * the node's fetched key sets for passes and trust policies that name a {@code jwks_uri} or rely on their
     * issuer's discovery, and federated client assertions by this service's trust policies unless {@code trust}
     * names another checker.
     */
    public TokenService(Storage storage, Authenticator authenticator, Clock clock, TokenSettings settings,
                        FrontDoor front, AssertionTrust trust) {
        Objects.requireNonNull(trust, "trust");
        this.storage = Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(front, "front");
        this.keys = settings.signingKeys(storage, clock);
        this.tokens = settings.accessTokens(keys);
        this.liveness = new TokenLiveness(storage);
        Attempts attempts = new Attempts(front.activity(), front.failures(), front.evidence());
        this.federation = new Federation(new WorkloadIdentities(storage, trust.keySources(), settings::issuer),
                new RefusalTrail(storage), this, attempts);
        ClientAuthentication authentication = new ClientAuthentication(authenticator, front.throttle(),
                front.adminGate(), attempts, new ClientAssertions(storage, settings, trust.keySources()),
                Optional.of(trust.federated().orElse(federation)));
        this.grants = new TokenGrants(List.of(new ClientCredentialsGrant(this, attempts)),
                List.of(new JwtBearerGrant(federation), new TokenExchangeGrant(federation)), authentication, attempts,
                clock);
        this.introspection = new TokenIntrospection(authentication, this, clock);
        this.revocation = new TokenRevocation(authentication, this, clock);
        this.checks = new TokenChecks(tokens, liveness, clock);
    }

    private static FrontDoor local(Storage storage, Clock clock) {
        StoringActivityRecorder recorder = new StoringActivityRecorder(storage);
        return new FrontDoor(recorder, recorder, AuthThrottle.off(new SecurityAudit(storage, clock)), Optional.empty());
    }

    /**
     * Makes sure a signing key exists: of the configured algorithm when one is configured, else the store's current
     * key, or a new {@link SigningKeyService#DEFAULT_ALGORITHM} key for a store without keys.
     */
    public TokenService start() {
        keys.start();
        return this;
    }

    /** The token endpoint's use case: every grant type, with client authentication and recording inside. */
    public TokenGrants grants() {
        return grants;
    }

    /**
     * Answers a token request (see {@link TokenGrants#grant}), recording it like the server does, e.g.
     * {@code grant(TokenRequest.clientCredentials(clientId, secret).scope("read:data").build())}.
     *
     * @throws dev.sentinel.core.domain.OAuthException {@code invalid_client} for every authentication failure (the
     *                                                 precise reason is in the pass's activity), {@code invalid_scope},
     *                                                 {@code invalid_target} and the other RFC 6749 §5.2 errors
     */
    public IssuedToken grant(TokenRequest request) {
        return grants.grant(request);
    }

    /** The introspection endpoint's use case: the caller authenticated through the client-authentication step. */
    public TokenIntrospection introspection() {
        return introspection;
    }

    /** The revocation endpoint's use case: the caller authenticated through the client-authentication step. */
    public TokenRevocation revocation() {
        return revocation;
    }

    /** The issuer of tokens and metadata. */
    public String issuer() {
        return settings.issuer();
    }

    /** The published public keys (JWKS members), current and retired but still verifying. */
    public List<java.util.Map<String, String>> jwks() {
        return keys.current().jwks();
    }

    /** The grant types the token endpoint answers, as the metadata's {@code grant_types_supported} lists them. */
    public List<String> grantTypes() {
        return grants.supported();
    }

    /** The check of a guard in this process: token, audience, pass state and networks, on one cache. */
    public TokenChecks checks() {
        return checks;
    }

    /**
     * Issues a token to a pass whose client has just authenticated with {@code credential}: never past the pass's
     * validity, in the pass's current generation. With RFC 8707 {@code resource} indicators, {@code aud} is exactly
     * those, each of which must be one of the pass's allowed audiences (when it lists none: the default audience or a
     * resource registered in the pass's project); without, {@code aud} is the pass's allowed audiences, or the default audience. Only grants call this: they record
     * what they issue.
     *
     * @throws OAuthException {@code invalid_target} for a resource that is not an absolute URI without fragment or not
     *                        allowed to the pass, checked before {@code invalid_scope} for a scope the pass lacks
     */
    IssuedToken issue(SentinelPass pass, Credential credential, Optional<String> scope, List<String> resources,
                             Instant now) {
        List<String> audiences = TokenAudiences.resolve(resources, pass.pass().allowedAudiences(), settings.audience(),
                resource -> storage.read(session -> session.resources().findByIdentifier(resource))
                        .filter(registered -> registered.project().equals(pass.pass().project())).isPresent());
        String granted = GrantedScope.resolve(scope, pass.pass().permissions());
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        Instant end = pass.pass().validity().end();
        if (expiresAt.isAfter(end)) {
            expiresAt = end;
        }
        String clientId = pass.clientId().value();
        AccessTokenClaims claims = new AccessTokenClaims(settings.issuer(), clientId, audiences, issuedAt,
                expiresAt, jti(), clientId, granted, pass.passId().value(), pass.pass().generation(), credential.id());
        return new IssuedToken(tokens.issue(claims), claims);
    }

    /** Introspects {@code token} for {@code caller} now. */
    public Introspection introspect(String token, TokenCaller caller) {
        Instant now = clock.instant();
        Optional<AccessTokenClaims> claims = tokens.verify(token, now);
        if (claims.isEmpty() || !mayLearnAbout(caller, claims.get()) || !liveness.check(claims.get(), now).live()) {
            return Introspection.INACTIVE;
        }
        return new Introspection(claims);
    }

    /**
     * Revokes {@code token} on every node: introspection and the guard refuse it from now on. A token that is
     * malformed, expired or not this issuer's is ignored, as RFC 7009 asks.
     *
     * @throws OAuthException {@code unauthorized_client} when a client revokes another client's token
     */
    public void revoke(String token, TokenCaller caller) {
        Optional<AccessTokenClaims> claims = tokens.verify(token, clock.instant());
        if (claims.isEmpty()) {
            return;
        }
        if (!caller.isAdmin() && !ownToken(caller, claims.get())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the token was not issued to this client");
        }
        AccessTokenClaims revoked = claims.get();
        storage.inTransaction(session -> {
            session.revokedTokens().revoke(revoked.jti(), revoked.expiresAt());
            Optional<dev.sentinel.core.domain.Pass> pass = session.passes().find(new dev.sentinel.core.domain.PassId(
                    revoked.passId()));
            dev.sentinel.core.domain.AuditEntry entry = new dev.sentinel.core.domain.AuditEntry(clock.instant(),
                    caller.actor(), REVOKE_ACTION, Optional.of(revoked.passId()), "jti=" + revoked.jti() + " client_id="
                    + revoked.clientId() + " expires_at=" + revoked.expiresAt());
            session.audit().record(pass.map(found -> entry.inProject(found.project())).orElse(entry));
            return null;
        });
    }

    /**
     * Writes the counts of refused federated tokens still waiting for their minute to end to the audit trail (a
     * server does so every minute); returns how many entries were written.
     */
    public int flushFederationRefusals() {
        return federation.flushRefusals(clock.instant());
    }

    /**
     * Deletes the deny-list entries of tokens that expired more than five minutes ago, and the replay-cache entries of
     * client assertions that expired as long ago; returns how many.
     */
    public int pruneRevoked() {
        Instant before = clock.instant().minus(PRUNE_MARGIN);
        return storage.inTransaction(session -> session.revokedTokens().deleteExpiredBefore(before)
                + session.usedAssertions().deleteExpiredBefore(before));
    }

    /** Verification of this issuer's tokens without the pass's current state, for this package's tests. */
    AccessTokens accessTokens() {
        return tokens;
    }

    /** The signing keys: the JWKS, rotation, and what signs. */
    public SigningKeyService keys() {
        return keys;
    }

    public TokenSettings settings() {
        return settings;
    }

    private static boolean mayLearnAbout(TokenCaller caller, AccessTokenClaims claims) {
        return caller.isAdmin() || ownToken(caller, claims)
                || caller.pass().orElseThrow().pass().permissions().contains(INTROSPECT_PERMISSION);
    }

    private static boolean ownToken(TokenCaller caller, AccessTokenClaims claims) {
        return caller.pass().map(pass -> pass.clientId().value().equals(claims.clientId())).orElse(false);
    }

    private static String jti() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException absent) {
            return new SecureRandom();
        }
    }
}

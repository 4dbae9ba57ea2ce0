package dev.sentinel.core.application.token;

import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
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

/**
 * The token use cases: the client credentials grant, introspection (RFC 7662) and revocation (RFC 7009), on the
 * signing keys every node shares through the store. Introspection answers the admin, a client about its own tokens,
 * and a pass holding {@value #INTROSPECT_PERMISSION} (a resource server) about any token; anybody else learns only
 * {@code active: false}. Revoking another client's token is refused. Thread-safe.
 */
public final class TokenService {

    /** The permission that lets a pass introspect every client's tokens; granted only by this exact name. */
    public static final String INTROSPECT_PERMISSION = GrantedScope.RESERVED_PREFIX + "introspect";
    /** How long after its token's expiry a deny-list entry is kept, for clocks that differ between nodes. */
    private static final Duration PRUNE_MARGIN = Duration.ofMinutes(5);
    /**
     * One DRBG per thread for token ids: the default {@code NativePRNG} shares one lock between every instance, and
     * under load the request threads queued on it.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TokenService::drbg);

    private final Storage storage;
    private final Authenticator authenticator;
    private final Clock clock;
    private final TokenSettings settings;
    private final SigningKeyService keys;
    private final AccessTokens tokens;
    private final TokenLiveness liveness;

    public TokenService(Storage storage, Authenticator authenticator, Clock clock, TokenSettings settings) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        byte[] keyEncryptionKey = settings.keyEncryptionKey();
        try {
            this.keys = new SigningKeyService(storage, clock, settings.algorithm(), keyEncryptionKey, settings.lifetime());
        } finally {
            java.util.Arrays.fill(keyEncryptionKey, (byte) 0);
        }
        this.tokens = new AccessTokens(keys, settings.issuerSupplier(), TokenSettings.MAX_LIFETIME,
                settings.accessTokenType());
        this.liveness = new TokenLiveness(storage);
    }

    /**
     * Makes sure a signing key exists: of the configured algorithm when one is configured, else the store's current
     * key, or a new {@link SigningKeyService#DEFAULT_ALGORITHM} key for a store without keys.
     */
    public TokenService start() {
        keys.start();
        return this;
    }

    /**
     * The client credentials grant: authenticates the client and issues a token for the requested scope (all its
     * permissions when empty).
     *
     * @throws TokenRequestException {@code invalid_client} for every authentication failure (the precise reason is
     *                               what {@code Sentinel.authenticate} reports), {@code invalid_scope} for a scope the
     *                               pass lacks
     */
    public IssuedToken clientCredentials(String clientId, CharSequence clientSecret, Optional<String> scope) {
        return clientCredentials(clientId, clientSecret, Optional.empty(), scope, List.of());
    }

    /**
     * As {@link #clientCredentials(String, CharSequence, Optional)}, for the RFC 8707 {@code resource} indicators
     * {@code resources} (none: the pass's allowed audiences, or the default audience).
     *
     * @throws TokenRequestException also {@code invalid_target} for a resource the pass may not ask for
     */
    public IssuedToken clientCredentials(String clientId, CharSequence clientSecret, Optional<String> scope,
                                         List<String> resources) {
        return clientCredentials(clientId, clientSecret, Optional.empty(), scope, resources);
    }

    /**
     * {@link #clientCredentials(String, CharSequence, Optional)} for a client at {@code clientAddress} (an IP address
     * literal; empty when unknown, which a pass bound to networks refuses).
     */
    public IssuedToken clientCredentials(String clientId, CharSequence clientSecret, Optional<String> clientAddress,
                                         Optional<String> scope) {
        return clientCredentials(clientId, clientSecret, clientAddress, scope, List.of());
    }

    /** The client credentials grant for a client at {@code clientAddress}, for the {@code resources} given. */
    public IssuedToken clientCredentials(String clientId, CharSequence clientSecret, Optional<String> clientAddress,
                                         Optional<String> scope, List<String> resources) {
        AuthenticationResult result = authenticator.authenticate(clientId, clientSecret, clientAddress, clock.instant());
        if (!result.isSuccess()) {
            throw new TokenRequestException("invalid_client", "client authentication failed");
        }
        return issue(result.pass().orElseThrow(), result.credential().orElseThrow(), scope, resources, clock.instant());
    }

    /**
     * Issues a token to a pass whose client has just authenticated with {@code credential}: never past the pass's
     * validity, in the pass's current generation, for the pass's allowed audiences (or the default audience).
     *
     * @throws TokenRequestException {@code invalid_scope} for a scope the pass lacks
     */
    public IssuedToken issue(SentinelPass pass, Credential credential, Optional<String> scope, Instant now) {
        return issue(pass, credential, scope, List.of(), now);
    }

    /**
     * As {@link #issue(SentinelPass, Credential, Optional, Instant)} for RFC 8707 {@code resource} indicators: with
     * some, {@code aud} is exactly those, each of which must be one of the pass's allowed audiences (the default
     * audience when it lists none); without, {@code aud} is the pass's allowed audiences, or the default audience.
     *
     * @throws TokenRequestException {@code invalid_target} for a resource that is not an absolute URI without fragment
     *                               or not allowed to the pass, checked before {@code invalid_scope}
     */
    public IssuedToken issue(SentinelPass pass, Credential credential, Optional<String> scope, List<String> resources,
                             Instant now) {
        List<String> audiences = TokenAudiences.resolve(resources, pass.pass().allowedAudiences(), settings.audience());
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
     * @throws TokenRequestException {@code unauthorized_client} when a client revokes another client's token
     */
    public void revoke(String token, TokenCaller caller) {
        Optional<AccessTokenClaims> claims = tokens.verify(token, clock.instant());
        if (claims.isEmpty()) {
            return;
        }
        if (!caller.isAdmin() && !ownToken(caller, claims.get())) {
            throw new TokenRequestException("unauthorized_client", "the token was not issued to this client");
        }
        storage.inTransaction(session -> {
            session.revokedTokens().revoke(claims.get().jti(), claims.get().expiresAt());
            return null;
        });
    }

    /** Deletes the deny-list entries of tokens that expired more than five minutes ago; returns how many. */
    public int pruneRevoked() {
        Instant before = clock.instant().minus(PRUNE_MARGIN);
        return storage.inTransaction(session -> session.revokedTokens().deleteExpiredBefore(before));
    }

    /** The signing keys: the JWKS, rotation, and what signs. */
    public SigningKeyService keys() {
        return keys;
    }

    /** Verification of this issuer's tokens, without the pass's current state. */
    public AccessTokens accessTokens() {
        return tokens;
    }

    /** The current state of a token's pass, as introspection and the guard check it. */
    public TokenLiveness liveness() {
        return liveness;
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

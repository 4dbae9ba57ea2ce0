package dev.sentinel.core.application.token;

import dev.sentinel.core.jose.CompactJws;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.jose.JwtClaims;
import dev.sentinel.core.jose.VerificationKey;
import dev.sentinel.core.jose.AccessTokenType;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs and checks JWT access tokens (RFC 9068): header {@code typ} ({@code at+jwt} by default, or {@code JWT}),
 * {@code alg} and {@code kid}; the claims
 * of {@link AccessTokenClaims}. Verification refuses anything but a compact JWS in canonical base64url, signed by a
 * published key with the key's own algorithm, of type {@code at+jwt} or {@code JWT}, from this issuer, unexpired, and
 * whose lifetime ({@code exp − iat}) is within the largest any Sentinel issues. Says nothing about the pass's current
 * state: {@link TokenLiveness} does. Thread-safe.
 */
public final class AccessTokens {

    /** Tokens remembered at most: the ones resource servers introspect and the guard checks, again and again. */
    static final int CACHE_SIZE = 100_000;

    /**
     * Tokens whose signature already checked out: resource servers introspect the same token again and again, and the
     * guard checks it on every request. The one cache of verified tokens. An entry is used only while its {@code kid}
     * is still published and the token unexpired.
     */
    private final Cache<String, Verified> verified = CacheBuilder.newBuilder().maximumSize(CACHE_SIZE).build();

    private final SigningKeyService keys;
    private final Supplier<String> issuer;
    private final Duration maxLifetime;
    private final AccessTokenType type;

    /**
     * @param issuer      a supplier, because a server learns its default issuer only once it listens
     * @param maxLifetime the longest {@code exp − iat} a token may have; a longer one was not issued by Sentinel
     * @param type        the {@code typ} of issued tokens; verification accepts both types whatever it is
     */
    public AccessTokens(SigningKeyService keys, Supplier<String> issuer, Duration maxLifetime, AccessTokenType type) {
        this.keys = keys;
        this.issuer = issuer;
        this.maxLifetime = maxLifetime;
        this.type = java.util.Objects.requireNonNull(type, "type");
    }

    /** As {@link #AccessTokens(SigningKeyService, Supplier, Duration, AccessTokenType)} issuing {@code at+jwt}. */
    public AccessTokens(SigningKeyService keys, Supplier<String> issuer, Duration maxLifetime) {
        this(keys, issuer, maxLifetime, AccessTokenType.AT_JWT);
    }

    /** Signs a token with the active key. */
    public String issue(AccessTokenClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", claims.issuer());
        body.put("sub", claims.subject());
        body.put("aud", claims.audienceClaim());
        body.put("exp", claims.expiresAt().getEpochSecond());
        body.put("iat", claims.issuedAt().getEpochSecond());
        body.put("jti", claims.jti());
        body.put("client_id", claims.clientId());
        body.put("scope", claims.scope());
        body.put("pass_id", claims.passId());
        body.put("pass_generation", claims.passGeneration());
        body.put("credential_id", claims.credentialId());
        return keys.current().active().signJwt(type, JoseJson.write(body));
    }

    public String issuer() {
        return issuer.get();
    }

    /**
     * The claims of a token this issuer signed with a published key, which has not expired at {@code now}; empty for
     * anything else.
     */
    public Optional<AccessTokenClaims> verify(String token, Instant now) {
        return verified(token, now).map(Verified::claims);
    }

    /**
     * As {@link #verify}, with the cache entry of the token, where the guard keeps the pass state it last read (so a
     * busy route costs one map lookup). An entry is used only while its {@code kid} is still published and the token
     * unexpired.
     */
    Optional<Verified> verified(String token, Instant now) {
        if (token == null || token.length() > CompactJws.MAX_LENGTH) {
            return Optional.empty();
        }
        Verified cached = verified.getIfPresent(token);
        if (cached != null) {
            boolean usable = now.isBefore(cached.claims.expiresAt()) && keys.isPublished(cached.kid);
            return usable ? Optional.of(cached) : Optional.empty();
        }
        Optional<Verified> checked = verifySignature(token, now);
        checked.ifPresent(result -> verified.put(token, result));
        return checked;
    }

    private Optional<Verified> verifySignature(String token, Instant now) {
        try {
            CompactJws jws = CompactJws.parse(token);
            String kid = jws.headerText("kid").orElseThrow(() -> new IllegalArgumentException("no kid"));
            if (!AccessTokenType.accepted(jws.headerText("typ").orElse(null))) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.verificationKey(kid);
            if (key.isEmpty() || !jws.headerText("alg").map(key.get().algorithm().joseName()::equals).orElse(false)
                    || !key.get().verifies(jws.signingInput(), jws.signature())) {
                return Optional.empty();
            }
            return claims(jws.claims(), now).map(claims -> new Verified(claims, kid));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private Optional<AccessTokenClaims> claims(JwtClaims body, Instant now) {
        Instant issuedAt = Instant.ofEpochSecond(body.integer("iat"));
        Instant expiresAt = Instant.ofEpochSecond(body.integer("exp"));
        boolean fromHere = body.text("iss").equals(issuer.get());
        boolean lifetimeAllowed = !expiresAt.isBefore(issuedAt)
                && Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) <= 0;
        if (!fromHere || !lifetimeAllowed || !now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new AccessTokenClaims(body.text("iss"), body.text("sub"), body.audiences(), issuedAt,
                expiresAt, body.text("jti"), body.text("client_id"), body.text("scope"), body.text("pass_id"),
                body.integer("pass_generation"), body.text("credential_id")));
    }

    /**
     * A token whose signature checked out: its claims and {@code kid}, and the pass state the guard last found live
     * for it, with when that was read (see {@link TokenChecks}).
     */
    static final class Verified {
        private final AccessTokenClaims claims;
        private final String kid;
        private volatile LiveRead live;

        Verified(AccessTokenClaims claims, String kid) {
            this.claims = claims;
            this.kid = kid;
        }

        AccessTokenClaims claims() {
            return claims;
        }

        /** The last live state read for this token, if it was read at or after {@code notBefore}. */
        Optional<TokenLiveness.Liveness> liveSince(Instant notBefore) {
            LiveRead read = live;
            return read != null && !read.at.isBefore(notBefore) ? Optional.of(read.liveness) : Optional.empty();
        }

        void live(TokenLiveness.Liveness liveness, Instant at) {
            this.live = new LiveRead(liveness, at);
        }
    }

    private record LiveRead(TokenLiveness.Liveness liveness, Instant at) {
    }

    @Override
    public String toString() {
        return "AccessTokens[issuer=" + issuer.get() + "]";
    }
}

package dev.sentinel.core.application.token;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");

    /**
     * Tokens whose signature already checked out: resource servers introspect the same token again and again. An
     * entry is used only while its {@code kid} is still published and the token unexpired.
     */
    private final Cache<String, Verified> verified = CacheBuilder.newBuilder().maximumSize(10_000).build();

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
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Verified cached = verified.getIfPresent(token);
        if (cached != null) {
            boolean usable = now.isBefore(cached.claims.expiresAt()) && keys.isPublished(cached.kid);
            return usable ? Optional.of(cached.claims) : Optional.empty();
        }
        Optional<Verified> checked = verifySignature(token, now);
        checked.ifPresent(result -> verified.put(token, result));
        return checked.map(Verified::claims);
    }

    private Optional<Verified> verifySignature(String token, Instant now) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = JoseJson.read(Base64Url.decode(token.substring(0, first)));
            String kid = text(header, "kid");
            if (!ACCEPTED_TYPES.contains(text(header, "typ").toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.verificationKey(kid);
            if (key.isEmpty() || !key.get().algorithm().joseName().equals(text(header, "alg"))
                    || !key.get().verifies(token.substring(0, second), Base64Url.decode(token.substring(second + 1)))) {
                return Optional.empty();
            }
            byte[] payload = Base64Url.decode(token.substring(first + 1, second));
            return claims(JoseJson.read(payload), now).map(claims -> new Verified(claims, kid));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private Optional<AccessTokenClaims> claims(Map<String, Object> body, Instant now) {
        Instant issuedAt = Instant.ofEpochSecond(number(body, "iat"));
        Instant expiresAt = Instant.ofEpochSecond(number(body, "exp"));
        boolean fromHere = text(body, "iss").equals(issuer.get());
        boolean lifetimeAllowed = !expiresAt.isBefore(issuedAt)
                && Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) <= 0;
        if (!fromHere || !lifetimeAllowed || !now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new AccessTokenClaims(text(body, "iss"), text(body, "sub"), audiences(body), issuedAt,
                expiresAt, text(body, "jti"), text(body, "client_id"), text(body, "scope"), text(body, "pass_id"),
                number(body, "pass_generation"), text(body, "credential_id")));
    }

    private static String text(Map<String, Object> members, String name) {
        Object value = members.get(name);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return text;
    }

    /** {@code aud}: a string, or a non-empty array of strings (RFC 7519 §4.1.3). */
    private static List<String> audiences(Map<String, Object> body) {
        Object value = body.get("aud");
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> several && !several.isEmpty()
                && several.stream().allMatch(String.class::isInstance)) {
            return several.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("aud is neither a string nor an array of strings");
    }

    private static long number(Map<String, Object> members, String name) {
        Object value = members.get(name);
        if (!(value instanceof Long number)) {
            throw new IllegalArgumentException(name + " is not an integer");
        }
        return number;
    }

    private record Verified(AccessTokenClaims claims, String kid) {
    }

    @Override
    public String toString() {
        return "AccessTokens[issuer=" + issuer.get() + "]";
    }
}

package dev.sentinel.http.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.http.keys.Base64Url;
import dev.sentinel.http.keys.KeyRing;
import dev.sentinel.http.keys.SigningKeyService;
import dev.sentinel.http.keys.VerificationKey;
import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Issues and checks JWT access tokens per RFC 9068: header {@code typ: at+jwt} and {@code kid}; claims {@code iss},
 * {@code sub} (the client id), {@code aud}, {@code exp}, {@code iat}, {@code jti}, {@code client_id}, {@code scope}
 * and {@code pass_id}. Thread-safe.
 */
public final class AccessTokens {

    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int VERIFIED_CACHE_SIZE = 10_000;

    /** Tokens whose signature already checked out: resource servers introspect the same token again and again. */
    private final Map<String, AccessTokenClaims> verified = new ConcurrentHashMap<>();

    private final SigningKeyService keys;
    private final Supplier<String> issuer;
    private final Supplier<String> audience;

    /** Issuer and audience are suppliers because the default issuer is known only once the server listens. */
    public AccessTokens(SigningKeyService keys, Supplier<String> issuer, Supplier<String> audience) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Signs a token with the active key. */
    public String issue(AccessTokenClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", claims.issuer());
        body.put("sub", claims.subject());
        body.put("aud", claims.audience());
        body.put("exp", claims.expiresAt().getEpochSecond());
        body.put("iat", claims.issuedAt().getEpochSecond());
        body.put("jti", claims.jti());
        body.put("client_id", claims.clientId());
        body.put("scope", claims.scope());
        body.put("pass_id", claims.passId());
        KeyRing ring = keys.current();
        return ring.active().signJwt(Json.bytes(body));
    }

    public String issuer() {
        return issuer.get();
    }

    public String audience() {
        return audience.get();
    }

    /**
     * The claims of a token this server signed with a published key, whose issuer is this server and which has not
     * expired at {@code now}; empty for anything else. Says nothing about the pass's current state.
     */
    public Optional<AccessTokenClaims> verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        AccessTokenClaims cached = verified.get(token);
        if (cached != null) {
            return now.isBefore(cached.expiresAt()) ? Optional.of(cached) : Optional.empty();
        }
        Optional<AccessTokenClaims> claims = verifySignature(token, now);
        claims.ifPresent(checked -> {
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
            verified.put(token, checked);
        });
        return claims;
    }

    private Optional<AccessTokenClaims> verifySignature(String token, Instant now) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            JsonNode header = Json.parse(Base64Url.decode(token.substring(0, first)));
            String typ = header.path("typ").asText("");
            if (!typ.equalsIgnoreCase("at+jwt") && !typ.equalsIgnoreCase("application/at+jwt")) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.verificationKey(header.path("kid").asText(""));
            if (key.isEmpty() || !key.get().algorithm().joseName().equals(header.path("alg").asText(""))
                    || !key.get().verifies(token.substring(0, second), Base64Url.decode(token.substring(second + 1)))) {
                return Optional.empty();
            }
            return claims(Json.parse(Base64Url.decode(token.substring(first + 1, second))), now);
        } catch (IOException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private Optional<AccessTokenClaims> claims(JsonNode body, Instant now) {
        Instant expiresAt = Instant.ofEpochSecond(body.path("exp").asLong(0));
        if (!body.path("iss").asText("").equals(issuer.get()) || !now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new AccessTokenClaims(body.path("iss").asText(), body.path("sub").asText(),
                body.path("aud").asText(), Instant.ofEpochSecond(body.path("iat").asLong(0)), expiresAt,
                body.path("jti").asText(), body.path("client_id").asText(), body.path("scope").asText(),
                body.path("pass_id").asText()));
    }
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.token.AccessTokenClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token just issued, with its claims, and for a token exchange (RFC 8693) the {@code issued_token_type}.
 * Holds a bearer credential: never log it.
 */
public record IssuedToken(String accessToken, AccessTokenClaims claims, Optional<String> issuedTokenType) {

    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(issuedTokenType, "issuedTokenType");
    }

    public IssuedToken(String accessToken, AccessTokenClaims claims) {
        this(accessToken, claims, Optional.empty());
    }

    /** The same token, answered as a token exchange's {@code issued_token_type}. */
    IssuedToken as(String tokenType) {
        return new IssuedToken(accessToken, claims, Optional.of(tokenType));
    }

    /** Seconds until the token expires, at least 1, as {@code expires_in} reports it. */
    public long expiresIn() {
        return Math.max(1, claims.expiresAt().getEpochSecond() - claims.issuedAt().getEpochSecond());
    }

    @Override
    public String toString() {
        return "IssuedToken[jti=" + claims.jti() + ", pass=" + claims.passId() + "]";
    }
}

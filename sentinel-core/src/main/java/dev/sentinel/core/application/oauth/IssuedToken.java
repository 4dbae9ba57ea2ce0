package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.token.AccessTokenClaims;
import java.util.Objects;

/** An access token just issued, with its claims. Holds a bearer credential: never log it. */
public record IssuedToken(String accessToken, AccessTokenClaims claims) {

    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(claims, "claims");
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

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.token.AccessTokenClaims;
import java.util.Optional;

/**
 * What introspection tells a caller (RFC 7662): the claims of an active token, or nothing but "inactive" — also when
 * the caller may not learn about that token.
 */
public record Introspection(Optional<AccessTokenClaims> claims) {

    static final Introspection INACTIVE = new Introspection(Optional.empty());

    public boolean active() {
        return claims.isPresent();
    }
}

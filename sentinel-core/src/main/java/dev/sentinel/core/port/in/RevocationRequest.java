package dev.sentinel.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to revoke a token (RFC 7009): the caller's authentication, the token (empty when the request named none,
 * which is refused once the caller is known) and where the request came from.
 */
public record RevocationRequest(ClientPresentation caller, Optional<String> token, RequestOrigin origin) {

    public RevocationRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "RevocationRequest[caller=" + caller + "]";
    }
}

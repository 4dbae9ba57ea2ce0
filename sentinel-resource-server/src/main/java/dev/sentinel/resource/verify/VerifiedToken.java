package dev.sentinel.resource.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of an access token whose signature checked out: {@code iss}, {@code sub}, {@code aud} (one or more),
 * {@code client_id}, {@code scope} (as a set), Sentinel's {@code pass_id}, {@code jti}, {@code iat}, {@code nbf}, {@code exp}
 * and the {@code kid} of the key that signed it. Absent optional claims are empty strings or empty optionals.
 */
public record VerifiedToken(String issuer, String subject, List<String> audiences, String clientId, Set<String> scopes,
                            Optional<String> passId, String jti, Optional<Instant> issuedAt,
                            Optional<Instant> notBefore, Instant expiresAt, String kid) {

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(clientId, "clientId");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(kid, "kid");
    }

    /** Whether the token's scope holds {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}

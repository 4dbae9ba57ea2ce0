package dev.sentinel.core.application.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The claims of a Sentinel access token: RFC 9068's {@code iss}, {@code sub} (the client id), {@code aud},
 * {@code iat}, {@code exp}, {@code jti}, {@code client_id} and {@code scope}, plus {@code pass_id}, the pass's
 * {@code pass_generation} when the token was issued and the {@code credential_id} of the secret it was issued for.
 */
public record AccessTokenClaims(String issuer, String subject, String audience, Instant issuedAt, Instant expiresAt,
                                String jti, String clientId, String scope, String passId, long passGeneration,
                                String credentialId) {

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(credentialId, "credentialId");
    }

    /** The scope tokens, in order. */
    public java.util.List<String> scopes() {
        return scope.isEmpty() ? java.util.List.of() : java.util.List.of(scope.split(" "));
    }
}

package dev.sentinel.core.application.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The claims of a Sentinel access token: RFC 9068's {@code iss}, {@code sub} (the client id), {@code aud} (one or more
 * audiences: a string in the token when there is one, an array when there are several),
 * {@code iat}, {@code exp}, {@code jti}, {@code client_id} and {@code scope}, plus {@code pass_id}, the pass's
 * {@code pass_generation} when the token was issued and the {@code credential_id} of the secret it was issued for.
 */
public record AccessTokenClaims(String issuer, String subject, List<String> audiences, Instant issuedAt, Instant expiresAt,
                                String jti, String clientId, String scope, String passId, long passGeneration,
                                String credentialId) {

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audiences = List.copyOf(audiences);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("a token has at least one audience");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(credentialId, "credentialId");
    }

    /** The scope tokens, in order. */
    public List<String> scopes() {
        return scope.isEmpty() ? List.of() : List.of(scope.split(" "));
    }

    /** The {@code aud} claim as JSON wants it: the audience itself when there is one, else the list. */
    public Object audienceClaim() {
        return audiences.size() == 1 ? audiences.get(0) : audiences;
    }
}

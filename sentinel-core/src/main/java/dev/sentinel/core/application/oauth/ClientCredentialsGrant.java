package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client credentials grant (RFC 6749 §4.4): the RFC 8707 {@code resource} indicators among the pass's allowed
 * audiences ({@code invalid_target}), then the scope within its permissions ({@code invalid_scope}); a token of the
 * pass's current generation, never valid past the pass. Every outcome is recorded against the pass.
 */
final class ClientCredentialsGrant implements Grant {

    static final String TYPE = "client_credentials";

    private final TokenService tokens;
    private final Attempts attempts;

    ClientCredentialsGrant(TokenService tokens, Attempts attempts) {
        this.tokens = tokens;
        this.attempts = attempts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public IssuedToken grant(AuthenticatedClient client, TokenRequest request, Instant now) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("grant_type", TYPE);
        metadata.putAll(client.evidence());
        IssuedToken issued;
        try {
            issued = tokens.issue(client.pass(), client.credential(), request.scope(), request.resources(), now);
        } catch (OAuthException refused) {
            attempts.record(request.origin(), client.pass().passId(), now, 400,
                    Optional.of(refused.error().code() + ": " + refused.description()),
                    client.evidence().isEmpty() ? Map.of() : metadata);
            throw refused;
        }
        metadata.put("scope", issued.claims().scope());
        metadata.put("jti", issued.claims().jti());
        attempts.record(request.origin(), client.pass().passId(), now, 200, Optional.empty(), metadata);
        return issued;
    }
}

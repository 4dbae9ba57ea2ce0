package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.IntrospectionRequest;
import java.time.Clock;

/**
 * The introspection endpoint's use case (RFC 7662): authenticates the caller (the admin token or client credentials,
 * through the one client-authentication step), then answers with the token's claims only when it is active now and
 * the caller may learn about it — the admin, the client the token was issued to, or a pass holding
 * {@value TokenService#INTROSPECT_PERMISSION} — and "inactive" in every other case. Thread-safe.
 */
public final class TokenIntrospection {

    private final ClientAuthentication authentication;
    private final TokenService tokens;
    private final Clock clock;

    TokenIntrospection(ClientAuthentication authentication, TokenService tokens, Clock clock) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @throws OAuthException {@code invalid_client} (or {@code temporarily_unavailable}) for a caller that does not
     *                        authenticate; {@code invalid_request} for a request without a token
     */
    public Introspection introspect(IntrospectionRequest request) {
        TokenCaller caller = authentication.caller(request.caller(), request.origin(), clock.instant());
        String token = request.token().orElseThrow(() -> OAuthException.invalidRequest("the parameter token is required"));
        return tokens.introspect(token, caller);
    }
}

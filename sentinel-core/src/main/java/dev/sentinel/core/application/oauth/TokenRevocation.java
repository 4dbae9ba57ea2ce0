package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.RevocationRequest;
import java.time.Clock;

/**
 * The revocation endpoint's use case (RFC 7009): authenticates the caller through the one client-authentication step,
 * then puts the token on the deny-list every node shares. A client may revoke only its own tokens; the admin any.
 * Unknown, malformed or expired tokens are ignored, as the RFC asks. Thread-safe.
 */
public final class TokenRevocation {

    private final ClientAuthentication authentication;
    private final TokenService tokens;
    private final Clock clock;

    TokenRevocation(ClientAuthentication authentication, TokenService tokens, Clock clock) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @throws OAuthException {@code invalid_client} (or {@code temporarily_unavailable}) for a caller that does not
     *                        authenticate; {@code invalid_request} without a token; {@code unauthorized_client} when a
     *                        client revokes another client's token
     */
    public void revoke(RevocationRequest request) {
        TokenCaller caller = authentication.caller(request.caller(), request.origin(), clock.instant());
        String token = request.token().orElseThrow(() -> OAuthException.invalidRequest("the parameter token is required"));
        tokens.revoke(token, caller);
    }
}

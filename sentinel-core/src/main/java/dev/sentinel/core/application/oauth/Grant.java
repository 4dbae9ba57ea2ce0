package dev.sentinel.core.application.oauth;

import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;

/**
 * The use case of one grant type: given the authenticated client, it checks what the grant needs, issues and records.
 * A new grant type is a new implementation registered with {@link TokenGrants}, never a branch in an endpoint.
 */
interface Grant {

    /** The {@code grant_type} this answers. */
    String type();

    /**
     * Answers {@code request} for {@code client} at {@code now}, recording the outcome against the client's pass.
     *
     * @throws dev.sentinel.core.domain.OAuthException when the grant is refused
     */
    IssuedToken grant(AuthenticatedClient client, TokenRequest request, Instant now);
}

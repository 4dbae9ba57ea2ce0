package dev.sentinel.core.application.oauth;

import dev.sentinel.core.port.in.RequestOrigin;
import java.time.Instant;

/**
 * Authenticates a federated client assertion: a {@code client_assertion} whose {@code sub} is a workload's subject at
 * another issuer rather than the client id, sent with the {@code client_id} of the pass it claims. The client
 * authentication step calls it (after the throttle admitted the attempt) for such assertions; a node without an
 * implementation refuses them with {@code invalid_client}. Implementations check the assertion against the trust
 * policies of the pass and record why they refuse. Thread-safe.
 */
@FunctionalInterface
public interface FederatedClientAssertions {

    /**
     * The pass named by {@code clientId}, when {@code assertion} matches one of its trust policies at {@code now}.
     *
     * @throws dev.sentinel.core.domain.OAuthException {@code invalid_client} when it does not
     */
    AuthenticatedClient authenticate(String clientId, String assertion, RequestOrigin origin, Instant now);
}

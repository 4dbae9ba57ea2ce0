package dev.sentinel.core.application.oauth;

import dev.sentinel.core.port.in.RequestOrigin;
import java.time.Instant;

/**
 * Authenticates a client by a federated client assertion: a workload's token whose {@code sub} is the workload's
 * subject, not the client id, accepted by a trust policy of the pass {@code clientId} names. Called by the
 * client-authentication step for a {@code client_assertion} whose {@code sub} is not the {@code client_id}.
 */
interface FederatedClientAssertions {

    /**
     * The client the assertion proves.
     *
     * @throws dev.sentinel.core.domain.OAuthException {@code invalid_client} when no policy of the pass accepts it
     */
    AuthenticatedClient authenticate(String clientId, String assertion, RequestOrigin origin, Instant now);
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;

/**
 * The use case of a grant whose request proves the pass by itself — a workload's token under a trust policy — so no
 * client authenticates first. Registered with {@link TokenGrants} next to the {@link Grant}s.
 */
interface AssertionGrant {

    /** The {@code grant_type} this answers. */
    String type();

    /**
     * Answers {@code request} at {@code now}, recording the outcome against the pass concerned (or, when none is
     * named, in the audit trail of the projects whose trust policies were tried).
     *
     * @throws dev.sentinel.core.domain.OAuthException when the grant is refused
     */
    IssuedToken grant(TokenRequest request, Instant now);
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.federation.WorkloadIdentities;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;

/**
 * The JWT bearer grant (RFC 7523 §2.1): {@code assertion} is a workload's token that a trust policy accepts; its
 * {@code aud} may be the policy's audience or, where that is Sentinel's issuer, the token endpoint URL. The pass may
 * be named with {@code client_id}.
 */
final class JwtBearerGrant implements AssertionGrant {

    static final String TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final Federation federation;

    JwtBearerGrant(Federation federation) {
        this.federation = federation;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public IssuedToken grant(TokenRequest request, Instant now) {
        return federation.grant(request, "assertion", "RFC 7523", request.resources(),
                WorkloadIdentities.AudienceRule.POLICY_OR_TOKEN_ENDPOINT, now);
    }
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.federation.WorkloadIdentities;
import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Token exchange (RFC 8693): {@code subject_token} of type {@code …:jwt} or {@code …:id_token} is a workload's token
 * that a trust policy accepts; the reply's {@code issued_token_type} is {@value #ACCESS_TOKEN}. {@code resource} works
 * as for the other grants and an {@code audience} value is one more resource identifier (one the pass may not have:
 * {@code invalid_target}). Delegation ({@code actor_token}) is refused; no {@code act} claim is issued.
 */
final class TokenExchangeGrant implements AssertionGrant {

    static final String TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final Set<String> SUBJECT_TOKEN_TYPES = Set.of("urn:ietf:params:oauth:token-type:jwt",
            "urn:ietf:params:oauth:token-type:id_token");

    private final Federation federation;

    TokenExchangeGrant(Federation federation) {
        this.federation = federation;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public IssuedToken grant(TokenRequest request, Instant now) {
        if (request.has("actor_token") || request.has("actor_token_type")) {
            throw OAuthException.invalidRequest("delegation is not supported yet: send no actor_token");
        }
        String type = request.parameter("subject_token_type").orElseThrow(() -> OAuthException.invalidRequest(
                "the subject_token_type parameter is required: urn:ietf:params:oauth:token-type:jwt or "
                        + "urn:ietf:params:oauth:token-type:id_token"));
        if (!SUBJECT_TOKEN_TYPES.contains(type)) {
            throw OAuthException.invalidRequest("subject_token_type must be urn:ietf:params:oauth:token-type:jwt or "
                    + "urn:ietf:params:oauth:token-type:id_token");
        }
        if (request.parameter("requested_token_type").map(requested -> !requested.equals(ACCESS_TOKEN)).orElse(false)) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "requested_token_type must be " + ACCESS_TOKEN
                    + ": only access tokens are issued");
        }
        List<String> resources = new ArrayList<>(request.resources());
        request.parameter("audience").ifPresent(resources::add);
        return federation.grant(request, "subject_token", "RFC 8693", resources, WorkloadIdentities.AudienceRule.POLICY,
                now).as(ACCESS_TOKEN);
    }
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint's use case (RFC 6749 §3.2): one request in, one token or one {@link OAuthException} out. Checks
 * run in this order: an {@code audience} parameter outside token exchange ({@code invalid_request}: {@code resource}
 * is the standard way to ask for an audience), the grant type known to OAuth ({@code unsupported_grant_type}); then
 * either an {@link AssertionGrant} (jwt-bearer, token exchange: the workload's token proves the pass, no client
 * authenticates), or client authentication ({@code invalid_client}, or {@code temporarily_unavailable} when
 * throttled), a grant this server answers for agent clients ({@code unauthorized_client}) and the {@link Grant} of
 * that type. Every attempt of a known pass is recorded. Thread-safe.
 */
public final class TokenGrants {

    /** Grant types OAuth defines that agent clients may not use: asking for one is {@code unauthorized_client}. */
    static final Set<String> OTHER_KNOWN_GRANTS = Set.of("authorization_code", "password", "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange");

    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final Map<String, AssertionGrant> assertionGrants = new LinkedHashMap<>();
    private final ClientAuthentication authentication;
    private final Attempts attempts;
    private final Clock clock;

    TokenGrants(List<Grant> grants, List<AssertionGrant> assertionGrants, ClientAuthentication authentication,
                Attempts attempts, Clock clock) {
        grants.forEach(grant -> this.grants.put(grant.type(), grant));
        assertionGrants.forEach(grant -> this.assertionGrants.put(grant.type(), grant));
        this.authentication = authentication;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** The grant types answered, in order: what the metadata's {@code grant_types_supported} lists. */
    public List<String> supported() {
        List<String> types = new ArrayList<>(grants.keySet());
        types.addAll(assertionGrants.keySet());
        return List.copyOf(types);
    }

    /**
     * Answers a token request.
     *
     * @throws OAuthException with the RFC 6749 §5.2 (or RFC 8707, RFC 8693) error the request gets
     */
    public IssuedToken grant(TokenRequest request) {
        Instant now = clock.instant();
        if (request.has("audience") && !request.grantType().equals(TokenExchangeGrant.TYPE)) {
            throw OAuthException.invalidRequest("the audience parameter is not supported: use the resource parameter "
                    + "(RFC 8707)");
        }
        AssertionGrant assertion = assertionGrants.get(request.grantType());
        if (assertion != null) {
            return assertion.grant(request, now);
        }
        Grant grant = grants.get(request.grantType());
        if (grant == null && !OTHER_KNOWN_GRANTS.contains(request.grantType())) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "only the " + String.join(", ", supported())
                    + " grants are supported");
        }
        AuthenticatedClient client = authentication.client(request.client(), request.origin(), now,
                Map.of("grant_type", request.grantType()));
        if (grant == null) {
            attempts.record(request.origin(), client.pass().passId(), now, 400,
                    Optional.of("unauthorized_client: grant_type " + request.grantType()), Map.of());
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "agent clients may use only the "
                    + String.join(", ", supported()) + " grants");
        }
        return grant.grant(client, request, now);
    }
}

package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.federation.FederatedIdentity;
import dev.sentinel.core.application.federation.FederationRefusedException;
import dev.sentinel.core.application.federation.RefusalTrail;
import dev.sentinel.core.application.federation.WorkloadIdentities;
import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.ClientPresentation;
import dev.sentinel.core.port.in.RequestOrigin;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the federated wire forms share: the workload's token resolved to a pass by the trust policies, a token of that
 * pass issued (its permissions, scopes, audiences, networks, validity and state all apply), and the evidence — a grant
 * records the issuer, subject and policy; a refusal its precise reason, against the pass when a policy or the
 * {@code client_id} names one, otherwise in the audit trail of the projects whose policies were tried (at most once a
 * minute per issuer, with the count). Thread-safe.
 */
final class Federation implements FederatedClientAssertions {

    private final WorkloadIdentities identities;
    private final RefusalTrail trail;
    private final TokenService tokens;
    private final Attempts attempts;

    Federation(WorkloadIdentities identities, RefusalTrail trail, TokenService tokens, Attempts attempts) {
        this.identities = identities;
        this.trail = trail;
        this.tokens = tokens;
        this.attempts = attempts;
    }

    /**
     * Refuses client authentication on a federated grant: the workload's token is the pass's credential, so the
     * request may name the pass ({@code client_id}) but not authenticate a client.
     */
    static void requireNoClientAuthentication(TokenRequest request) {
        if (request.client() instanceof ClientPresentation.Unusable unusable) {
            if (unusable.error() == OAuthError.INVALID_CLIENT) {
                return; // none presented (or a malformed header): the grant's token decides
            }
            throw new OAuthException(unusable.error(), unusable.description());
        }
        throw OAuthException.invalidRequest("the " + request.grantType() + " grant takes no client authentication: the "
                + "workload's token proves the pass (name the pass with client_id alone)");
    }

    /** Issues a token for the pass {@code token} stands for, recording the outcome. */
    IssuedToken issue(TokenRequest request, String token, List<String> resources,
                      WorkloadIdentities.AudienceRule audiences, Instant now) {
        Optional<String> clientId = request.parameter("client_id");
        FederatedIdentity identity;
        try {
            identity = identities.resolve(token, clientId, audiences, request.origin().clientAddress(), now);
        } catch (FederationRefusedException refused) {
            refusedGrant(request.origin(), request.grantType(), refused, now);
            throw new OAuthException(OAuthError.INVALID_GRANT, refused.description());
        }
        Map<String, String> metadata = metadata(request.grantType(), identity);
        IssuedToken issued;
        try {
            issued = tokens.issue(identity.pass(), identity.pass().agent().credentials().current(), request.scope(),
                    resources, now);
        } catch (OAuthException refused) {
            attempts.record(request.origin(), identity.pass().passId(), now, 400,
                    Optional.of(refused.error().code() + ": " + refused.description()), metadata);
            throw refused;
        }
        metadata.put("scope", issued.claims().scope());
        metadata.put("jti", issued.claims().jti());
        attempts.record(request.origin(), identity.pass().passId(), now, 200, Optional.empty(), metadata);
        return issued;
    }

    @Override
    public AuthenticatedClient authenticate(String clientId, String assertion, RequestOrigin origin, Instant now) {
        try {
            FederatedIdentity identity = identities.resolve(assertion, Optional.of(clientId),
                    WorkloadIdentities.AudienceRule.POLICY, origin.clientAddress(), now);
            return new AuthenticatedClient(identity.pass(), identity.pass().agent().credentials().current());
        } catch (FederationRefusedException refused) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("client_assertion", "federated");
            refused.issuer().ifPresent(issuer -> metadata.put("issuer", issuer));
            if (refused.pass().isPresent()) {
                attempts.failed(origin, refused.pass(), now, refused.code() + ": " + refused.detail(), metadata);
            } else {
                trail.record(refused, now);
            }
            throw OAuthException.invalidClient();
        }
    }

    private void refusedGrant(RequestOrigin origin, String grantType, FederationRefusedException refused, Instant now) {
        if (refused.pass().isEmpty()) {
            trail.record(refused, now);
            return;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("grant_type", grantType);
        refused.issuer().ifPresent(issuer -> metadata.put("issuer", issuer));
        attempts.record(origin, refused.pass().get(), now, 400, Optional.of(refused.code() + ": " + refused.detail()),
                metadata);
    }

    private static Map<String, String> metadata(String grantType, FederatedIdentity identity) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("grant_type", grantType);
        metadata.put("issuer", identity.issuer());
        metadata.put("subject", identity.subject());
        metadata.put("trust_policy", identity.policy().id().value());
        return metadata;
    }

    /** Writes the refusal counts still waiting whose minute is over. */
    int flushRefusals(Instant now) {
        return trail.flush(now);
    }
}

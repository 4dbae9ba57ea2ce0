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
     * Answers a federated grant whose workload token is the request's {@code parameter}: no client authentication
     * (the token proves the pass; the request may name it with {@code client_id} alone), the token required, then
     * {@link #issue}.
     *
     * @param rfc the RFC that defines the parameter, for the error a request without it gets
     */
    IssuedToken grant(TokenRequest request, String parameter, String rfc, List<String> resources,
                      WorkloadIdentities.AudienceRule audiences, Instant now) {
        requireNoClientAuthentication(request);
        String token = request.parameter(parameter).orElseThrow(() -> OAuthException.invalidRequest(
                "the " + parameter + " parameter is required: the workload's token (" + rfc + ")"));
        return issue(request, token, resources, audiences, now);
    }

    /**
     * Refuses client authentication on a federated grant: the workload's token is the pass's credential, so the
     * request may name the pass ({@code client_id}) but not authenticate a client.
     */
    private static void requireNoClientAuthentication(TokenRequest request) {
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
    private IssuedToken issue(TokenRequest request, String token, List<String> resources,
                              WorkloadIdentities.AudienceRule audiences, Instant now) {
        Optional<String> clientId = request.parameter("client_id");
        FederatedIdentity identity;
        try {
            identity = identities.resolve(token, clientId, audiences, request.origin().clientAddress(), now);
        } catch (FederationRefusedException refused) {
            refused(request.origin(), Map.of("grant_type", request.grantType()), refused, now);
            throw new OAuthException(OAuthError.INVALID_GRANT, refused.description());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("grant_type", request.grantType());
        metadata.putAll(evidence(identity));
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
            return new AuthenticatedClient(identity.pass(), identity.pass().agent().credentials().current(),
                    evidence(identity));
        } catch (FederationRefusedException refused) {
            refused(origin, Map.of("client_assertion", "federated"), refused, now);
            throw OAuthException.invalidClient();
        }
    }

    /**
     * Records a refusal: against its pass when it names one (a failed client authentication for a federated
     * assertion, a refused grant otherwise), else in the refusal trail of the projects whose policies were tried.
     */
    private void refused(RequestOrigin origin, Map<String, String> form, FederationRefusedException refused,
                         Instant now) {
        if (refused.pass().isEmpty()) {
            trail.record(refused, now);
            return;
        }
        Map<String, String> metadata = new LinkedHashMap<>(form);
        refused.issuer().ifPresent(issuer -> metadata.put("issuer", issuer));
        String reason = refused.code() + ": " + refused.detail();
        if (form.containsKey("client_assertion")) {
            attempts.failed(origin, refused.pass(), now, reason, metadata);
        } else {
            attempts.record(origin, refused.pass().get(), now, 400, Optional.of(reason), metadata);
        }
    }

    /** What a federated token's evidence says of the workload: its issuer, its subject and the policy that matched. */
    private static Map<String, String> evidence(FederatedIdentity identity) {
        Map<String, String> metadata = new LinkedHashMap<>();
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

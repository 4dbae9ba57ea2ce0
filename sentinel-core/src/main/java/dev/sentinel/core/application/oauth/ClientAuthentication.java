package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.ClientPresentation;
import dev.sentinel.core.port.in.RequestOrigin;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one client-authentication step of the token, introspection and revocation endpoints. It is admitted by the
 * throttle before any secret is checked ({@code temporarily_unavailable} with a wait when the caller is over a limit
 * or the checks of unproven callers are busy), checks what was presented, and on failure counts it against the limits
 * and records it against the pass the client id names ({@code invalid_client} to the caller, whatever the reason).
 * A failure for a known and for an unknown client id does the same work on the request's thread. New methods of client authentication are new
 * kinds of {@link ClientPresentation} handled here: a client secret ({@link Authenticator}), a {@code private_key_jwt}
 * assertion ({@link ClientAssertions}), or a federated assertion ({@link FederatedClientAssertions}). Thread-safe.
 */
final class ClientAuthentication {

    private final Authenticator authenticator;
    private final AuthThrottle throttle;
    private final Optional<BearerGate> adminGate;
    private final Attempts attempts;
    private final ClientAssertions assertions;
    private final Optional<FederatedClientAssertions> federated;

    ClientAuthentication(Authenticator authenticator, AuthThrottle throttle, Optional<BearerGate> adminGate,
                         Attempts attempts, ClientAssertions assertions, Optional<FederatedClientAssertions> federated) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.adminGate = Objects.requireNonNull(adminGate, "adminGate");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.assertions = Objects.requireNonNull(assertions, "assertions");
        this.federated = Objects.requireNonNull(federated, "federated");
    }

    /**
     * The client of a token request; the admin token is no client. {@code metadata} goes with a recorded failure.
     *
     * @throws OAuthException {@code invalid_client}, or {@code temporarily_unavailable} when throttled
     */
    AuthenticatedClient client(ClientPresentation presented, RequestOrigin origin, Instant now,
                               Map<String, String> metadata) {
        if (presented instanceof ClientPresentation.Secret secret) {
            return secret(secret, origin, now, metadata);
        }
        if (presented instanceof ClientPresentation.Assertion assertion) {
            return assertion(assertion, origin, now, metadata);
        }
        throw unusable(presented);
    }

    /**
     * The caller of introspection or revocation: the admin (its token through the bearer gate) or a client.
     *
     * @throws OAuthException {@code invalid_client}, or {@code temporarily_unavailable} when throttled
     */
    TokenCaller caller(ClientPresentation presented, RequestOrigin origin, Instant now) {
        if (presented instanceof ClientPresentation.AdminToken admin) {
            BearerGate gate = adminGate.orElseThrow(OAuthException::invalidClient);
            BearerGate.Decision decision = gate.check(BearerGate.Door.ADMIN, Optional.of(admin.token()),
                    origin.clientAddress());
            if (decision.verdict() == BearerGate.Verdict.THROTTLED) {
                throw OAuthException.throttled(decision.retryAfter().orElseThrow());
            }
            if (!decision.allowed()) {
                throw OAuthException.invalidClient();
            }
            return TokenCaller.admin();
        }
        return TokenCaller.client(client(presented, origin, now, Map.of()).pass());
    }

    private static OAuthException unusable(ClientPresentation presented) {
        if (presented instanceof ClientPresentation.Unusable unusable) {
            return new OAuthException(unusable.error(), unusable.description());
        }
        return OAuthException.invalidClient();
    }

    private AuthenticatedClient secret(ClientPresentation.Secret secret, RequestOrigin origin, Instant now,
                                       Map<String, String> metadata) {
        Optional<String> address = origin.clientAddress();
        AuthThrottle.ClientAttempt attempt = admit(address, secret.clientId(), now);
        AuthenticationResult result;
        try {
            result = authenticator.authenticate(secret.clientId(), secret.secret(), address, now);
        } catch (RuntimeException unchecked) {
            attempt.abandoned();
            throw unchecked;
        }
        return outcome(attempt, result, origin, now, metadata);
    }

    /**
     * A {@code private_key_jwt} assertion: of the client named by {@code client_id}, or without it by the assertion's
     * {@code iss}. An assertion whose {@code sub} is not the named client id is a federated one, for
     * {@link FederatedClientAssertions} (without one: checked as any other, and refused).
     */
    private AuthenticatedClient assertion(ClientPresentation.Assertion assertion, RequestOrigin origin, Instant now,
                                          Map<String, String> metadata) {
        Optional<com.nimbusds.jwt.JWTClaimsSet> claims = ClientAssertions.peek(assertion.assertion());
        Optional<String> subject = claims.map(com.nimbusds.jwt.JWTClaimsSet::getSubject);
        Optional<String> issuer = claims.map(com.nimbusds.jwt.JWTClaimsSet::getIssuer);
        if (federated.isPresent() && assertion.clientId().isEmpty() && issuer.isPresent()
                && !ClientId.isWellFormed(issuer.get()) && !subject.equals(issuer)) {
            // a workload's token: its iss is a platform, not a pass, so only client_id can say which pass it claims
            throw OAuthException.invalidRequest("client_id is required with a federated client assertion (its iss "
                    + "is the workload's issuer, not a client id): name the pass with client_id");
        }
        String clientId = assertion.clientId().or(() -> issuer).orElse("");
        Optional<String> address = origin.clientAddress();
        AuthThrottle.ClientAttempt attempt = admit(address, clientId, now);
        if (federated.isPresent() && assertion.clientId().isPresent() && subject.isPresent()
                && !subject.get().equals(clientId)) {
            return federated(attempt, clientId, assertion.assertion(), origin, now);
        }
        AuthenticationResult result;
        try {
            result = assertions.authenticate(clientId, assertion.assertion(), address, now);
        } catch (RuntimeException unchecked) {
            attempt.abandoned();
            throw unchecked;
        }
        return outcome(attempt, result, origin, now, metadata);
    }

    /** The federated assertion's check, which records its own evidence; the throttle counts its outcome. */
    private AuthenticatedClient federated(AuthThrottle.ClientAttempt attempt, String clientId, String assertion,
                                          RequestOrigin origin, Instant now) {
        AuthenticatedClient client;
        try {
            client = federated.orElseThrow().authenticate(clientId, assertion, origin, now);
        } catch (OAuthException refused) {
            attempt.failed(Optional.empty());
            throw refused;
        } catch (RuntimeException unchecked) {
            attempt.abandoned();
            throw unchecked;
        }
        attempt.succeeded(now);
        return client;
    }

    private AuthThrottle.ClientAttempt admit(Optional<String> address, String clientId, Instant now) {
        AuthThrottle.ClientAttempt attempt = throttle.admitClient(address, clientId, now);
        if (attempt.refusal().isPresent()) {
            throw OAuthException.throttled(attempt.refusal().get());
        }
        return attempt;
    }

    private AuthenticatedClient outcome(AuthThrottle.ClientAttempt attempt, AuthenticationResult result,
                                        RequestOrigin origin, Instant now, Map<String, String> metadata) {
        if (!result.isSuccess()) {
            attempt.failed(result.passId());
            // the same work for a known and an unknown client id: what is recorded is decided off this thread
            attempts.failed(origin, result.passId(), now, result.reason().orElseThrow(), metadata);
            throw OAuthException.invalidClient();
        }
        attempt.succeeded(now);
        return new AuthenticatedClient(result.pass().orElseThrow(), result.credential().orElseThrow());
    }
}

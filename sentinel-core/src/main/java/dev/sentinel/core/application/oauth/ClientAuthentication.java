package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.throttle.AuthThrottle;
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
 * kinds of {@link ClientPresentation} handled here. Thread-safe.
 */
final class ClientAuthentication {

    private final Authenticator authenticator;
    private final AuthThrottle throttle;
    private final Optional<BearerGate> adminGate;
    private final Attempts attempts;

    ClientAuthentication(Authenticator authenticator, AuthThrottle throttle, Optional<BearerGate> adminGate,
                         Attempts attempts) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.adminGate = Objects.requireNonNull(adminGate, "adminGate");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
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
        AuthThrottle.ClientAttempt attempt = throttle.admitClient(address, secret.clientId(), now);
        if (attempt.refusal().isPresent()) {
            throw OAuthException.throttled(attempt.refusal().get());
        }
        AuthenticationResult result;
        try {
            result = authenticator.authenticate(secret.clientId(), secret.secret(), address, now);
        } catch (RuntimeException unchecked) {
            attempt.abandoned();
            throw unchecked;
        }
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

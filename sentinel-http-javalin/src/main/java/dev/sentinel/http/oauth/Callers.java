package dev.sentinel.http.oauth;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.token.TokenCaller;
import dev.sentinel.http.throttle.AuthThrottle;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the caller of the introspection and revocation endpoints: the admin token as a bearer token, or a
 * pass's client credentials. Failed attempts by a known pass are recorded as {@code error} events.
 */
final class Callers {

    private final Authenticator authenticator;
    private final AdminTokens adminTokens;
    private final Attempts attempts;
    private final AuthThrottle throttle;
    private final Clock clock;

    Callers(Authenticator authenticator, AdminTokens adminTokens, Attempts attempts, AuthThrottle throttle, Clock clock) {
        this.authenticator = authenticator;
        this.adminTokens = adminTokens;
        this.attempts = attempts;
        this.throttle = throttle;
        this.clock = clock;
    }

    TokenCaller authenticate(Context ctx, FormBody form, long startNanos) {
        Optional<String> bearer = Requests.bearerToken(ctx);
        Optional<String> address = Requests.clientIp(ctx);
        if (bearer.isPresent()) {
            if (form.get("client_secret").isPresent()) {
                throw OAuthError.invalidClient();
            }
            throttle.tokenRefusal(address).ifPresent(wait -> {
                throw OAuthError.throttled(wait);
            });
            if (!adminTokens.matches(bearer.get())) {
                throttle.tokenFailed(address, "admin token");
                throw OAuthError.invalidClient();
            }
            return TokenCaller.admin();
        }
        ClientCredentials credentials = ClientCredentials.from(ctx, form);
        throttle.clientRefusal(address, credentials.clientId()).ifPresent(wait -> {
            throw OAuthError.throttled(wait);
        });
        Instant now = clock.instant();
        AuthenticationResult result = authenticator.authenticate(credentials.clientId(), credentials.secret(),
                Requests.clientIp(ctx), now);
        if (!result.isSuccess()) {
            throttle.clientFailed(address, credentials.clientId(), result.passId());
            result.passId().ifPresent(passId -> attempts.failed(ctx, passId, now, startNanos,
                    result.reason().orElseThrow(), Map.of()));
            throw OAuthError.invalidClient();
        }
        return TokenCaller.client(result.pass().orElseThrow());
    }
}

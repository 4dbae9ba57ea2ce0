package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.service.AuthenticationResult;
import dev.sentinel.core.service.Authenticator;
import dev.sentinel.http.admin.AdminTokens;
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

    /** Who is calling: the admin (no client id) or the client of an authenticated pass. */
    record Caller(Optional<ClientId> clientId) {
        boolean isAdmin() {
            return clientId.isEmpty();
        }
    }

    private final Authenticator authenticator;
    private final AdminTokens adminTokens;
    private final Attempts attempts;
    private final Clock clock;

    Callers(Authenticator authenticator, AdminTokens adminTokens, Attempts attempts, Clock clock) {
        this.authenticator = authenticator;
        this.adminTokens = adminTokens;
        this.attempts = attempts;
        this.clock = clock;
    }

    Caller authenticate(Context ctx, FormBody form, long startNanos) {
        Optional<String> bearer = Requests.bearerToken(ctx);
        if (bearer.isPresent()) {
            if (form.get("client_secret").isPresent() || !adminTokens.matches(bearer.get())) {
                throw OAuthError.invalidClient();
            }
            return new Caller(Optional.empty());
        }
        ClientCredentials credentials = ClientCredentials.from(ctx, form);
        Instant now = clock.instant();
        AuthenticationResult result = authenticator.authenticate(credentials.clientId(), credentials.secret(), now);
        if (!result.isSuccess()) {
            result.passId().ifPresent(passId -> attempts.record(ctx, passId, now, startNanos, 401,
                    result.failure().map(failure -> failure.code() + ": " + failure.description()), Map.of()));
            throw OAuthError.invalidClient();
        }
        return new Caller(Optional.of(result.pass().orElseThrow().clientId()));
    }
}

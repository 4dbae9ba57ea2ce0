package dev.sentinel.http.oauth;

import dev.sentinel.core.port.Storage;
import dev.sentinel.http.jwt.AccessTokenClaims;
import dev.sentinel.http.jwt.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /oauth/revoke} (RFC 7009). Revoking an access token puts its {@code jti} on a deny-list shared through
 * the store: introspection calls it inactive at once, on every node; offline verifiers keep accepting it until it
 * expires (at most the token lifetime). A client may revoke only its own tokens; the admin token may revoke any.
 * Unknown, malformed or expired tokens get 200, as the RFC asks; {@code token_type_hint} is accepted and ignored
 * (there are only access tokens).
 */
public final class RevocationEndpoint implements Handler {

    private final Callers callers;
    private final AccessTokens tokens;
    private final Storage storage;
    private final Clock clock;

    public RevocationEndpoint(OAuthCallers callers, AccessTokens tokens, Storage storage, Clock clock) {
        this.callers = callers.callers();
        this.tokens = tokens;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        long startNanos = System.nanoTime();
        FormBody form = FormBody.parse(ctx);
        Callers.Caller caller = callers.authenticate(ctx, form, startNanos);
        String token = form.require("token");
        Optional<AccessTokenClaims> claims = tokens.verify(token, clock.instant());
        if (claims.isPresent()) {
            AccessTokenClaims verified = claims.get();
            if (!caller.isAdmin() && !caller.clientId().orElseThrow().value().equals(verified.clientId())) {
                throw OAuthError.unauthorizedClient("the token was not issued to this client");
            }
            storage.inTransaction(session -> {
                RevokedTokens.revoke(session.settings(), verified.jti(), verified.expiresAt());
                return null;
            });
        }
        OAuthReplies.noStore(ctx);
        ctx.status(200).result("");
    }
}

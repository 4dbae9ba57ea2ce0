package dev.sentinel.http.oauth;

import dev.sentinel.core.application.token.TokenRequestException;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.http.metrics.GrantResult;
import dev.sentinel.http.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /oauth/revoke} (RFC 7009). Revoking an access token puts its {@code jti} on a deny-list shared through
 * the store: introspection and the guard refuse it at once, on every node; offline verifiers keep accepting it until
 * it expires (at most the token lifetime). A client may revoke only its own tokens ({@code unauthorized_client}
 * otherwise); the admin token may revoke any. Unknown, malformed or expired tokens get 200, as the RFC asks;
 * {@code token_type_hint} is accepted and ignored (there are only access tokens).
 */
public final class RevocationEndpoint implements Handler {

    private final Callers callers;
    private final TokenService tokens;
    private final ServerMetrics metrics;

    public RevocationEndpoint(OAuthCallers callers, TokenService tokens, ServerMetrics metrics) {
        this.callers = callers.callers();
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        try {
            revoke(ctx);
        } catch (OAuthError refused) {
            metrics.revocation(GrantResult.ofError(refused.error()));
            throw refused;
        }
        metrics.revocation(GrantResult.SUCCESS);
    }

    private void revoke(Context ctx) {
        long startNanos = System.nanoTime();
        FormBody form = FormBody.parse(ctx);
        var caller = callers.authenticate(ctx, form, startNanos);
        String token = form.require("token");
        try {
            tokens.revoke(token, caller);
        } catch (TokenRequestException refused) {
            throw OAuthError.unauthorizedClient(refused.getMessage());
        }
        OAuthReplies.noStore(ctx);
        ctx.status(200).result("");
    }
}

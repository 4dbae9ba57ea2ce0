package dev.sentinel.http.oauth;

import dev.sentinel.core.application.oauth.TokenRevocation;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.metrics.GrantResult;
import dev.sentinel.http.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /oauth/revoke} (RFC 7009): the form in, {@link TokenRevocation} answers (the token on the deny-list every
 * node shares; unknown, malformed or expired tokens ignored; {@code token_type_hint} accepted and ignored), an empty
 * 200 out.
 */
final class RevocationEndpoint implements Handler {

    private final TokenRevocation revocation;
    private final ServerMetrics metrics;

    RevocationEndpoint(TokenRevocation revocation, ServerMetrics metrics) {
        this.revocation = revocation;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        try {
            revocation.revoke(OAuthRequests.revocation(ctx, System.nanoTime()));
        } catch (OAuthException refused) {
            metrics.revocation(GrantResult.of(refused.error()));
            throw refused;
        }
        metrics.revocation(GrantResult.SUCCESS);
        OAuthReplies.noStore(ctx);
        ctx.status(200).result("");
    }
}

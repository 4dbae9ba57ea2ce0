package dev.sentinel.http.oauth;

import dev.sentinel.core.application.oauth.IssuedToken;
import dev.sentinel.core.application.oauth.TokenGrants;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.metrics.GrantResult;
import dev.sentinel.http.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /oauth/token}: the form in, {@link TokenGrants} (every grant type, client authentication, throttling and
 * recording) answers, RFC 6749 §5.1 JSON out. Each request is counted by its coarse result ({@link GrantResult}).
 */
final class TokenEndpoint implements Handler {

    private final TokenGrants grants;
    private final ServerMetrics metrics;

    TokenEndpoint(TokenGrants grants, ServerMetrics metrics) {
        this.grants = grants;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        long startNanos = System.nanoTime();
        IssuedToken issued;
        try {
            issued = grants.grant(OAuthRequests.token(ctx, startNanos));
        } catch (OAuthException refused) {
            metrics.grant(GrantResult.of(refused.error()));
            throw refused;
        }
        metrics.grant(GrantResult.SUCCESS);
        OAuthReplies.json(ctx, 200, OAuthJson.token(issued));
    }
}

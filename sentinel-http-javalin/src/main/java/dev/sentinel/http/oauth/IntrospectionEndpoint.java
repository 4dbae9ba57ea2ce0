package dev.sentinel.http.oauth;

import dev.sentinel.core.application.oauth.Introspection;
import dev.sentinel.core.application.oauth.TokenIntrospection;
import dev.sentinel.http.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /oauth/introspect} (RFC 7662): the form in, {@link TokenIntrospection} answers (the caller authenticated
 * with the admin token or client credentials; the claims only for a caller that may learn about an active token,
 * {@code {"active": false}} otherwise), JSON out.
 */
final class IntrospectionEndpoint implements Handler {

    private final TokenIntrospection introspection;
    private final ServerMetrics metrics;

    IntrospectionEndpoint(TokenIntrospection introspection, ServerMetrics metrics) {
        this.introspection = introspection;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        Introspection result = introspection.introspect(OAuthRequests.introspection(ctx, System.nanoTime()));
        metrics.introspection(result.active());
        OAuthReplies.json(ctx, 200, OAuthJson.introspection(result));
    }
}

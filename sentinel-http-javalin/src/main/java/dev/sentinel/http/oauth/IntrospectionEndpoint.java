package dev.sentinel.http.oauth;

import dev.sentinel.core.application.token.AccessTokenClaims;
import dev.sentinel.core.application.token.Introspection;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.http.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /oauth/introspect} (RFC 7662). The caller authenticates with the admin token or client credentials
 * (401 otherwise); the answer is the token's claims only when it is active now and the caller may learn about it —
 * the admin, the client the token was issued to, or a pass holding {@code sentinel:introspect} — and
 * {@code {"active": false}} in every other case.
 */
public final class IntrospectionEndpoint implements Handler {

    private final Callers callers;
    private final TokenService tokens;
    private final ServerMetrics metrics;

    public IntrospectionEndpoint(OAuthCallers callers, TokenService tokens, ServerMetrics metrics) {
        this.callers = callers.callers();
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        long startNanos = System.nanoTime();
        FormBody form = FormBody.parse(ctx);
        var caller = callers.authenticate(ctx, form, startNanos);
        Introspection result = tokens.introspect(form.require("token"), caller);
        metrics.introspection(result.claims().isPresent());
        OAuthReplies.json(ctx, 200, result.claims().map(IntrospectionEndpoint::active).orElse(Map.of("active", false)));
    }

    private static Map<String, Object> active(AccessTokenClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", claims.scope());
        body.put("client_id", claims.clientId());
        body.put("token_type", "Bearer");
        body.put("exp", claims.expiresAt().getEpochSecond());
        body.put("iat", claims.issuedAt().getEpochSecond());
        body.put("sub", claims.subject());
        body.put("aud", claims.audienceClaim());
        body.put("iss", claims.issuer());
        body.put("jti", claims.jti());
        body.put("pass_id", claims.passId());
        return body;
    }
}

package dev.sentinel.http.oauth;

import dev.sentinel.core.port.Storage;
import dev.sentinel.http.jwt.AccessTokenClaims;
import dev.sentinel.http.jwt.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth/introspect} (RFC 7662), for the admin token or any pass's client credentials. A token is active
 * only if this server signed it, it has not expired or been revoked, and its pass still exists, belongs to the same
 * client, is active and inside its validity period <em>now</em>: toggling, revoking or deleting a pass deactivates its
 * tokens at once.
 */
public final class IntrospectionEndpoint implements Handler {

    private final Callers callers;
    private final AccessTokens tokens;
    private final TokenLiveness liveness;
    private final Clock clock;

    public IntrospectionEndpoint(OAuthCallers callers, AccessTokens tokens, Storage storage, Clock clock) {
        this.callers = callers.callers();
        this.tokens = tokens;
        this.liveness = new TokenLiveness(storage);
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        long startNanos = System.nanoTime();
        FormBody form = FormBody.parse(ctx);
        callers.authenticate(ctx, form, startNanos);
        String token = form.require("token");
        Instant now = clock.instant();
        Optional<AccessTokenClaims> claims = tokens.verify(token, now)
                .filter(verified -> liveness.check(verified, now).live());
        OAuthReplies.json(ctx, 200, claims.map(IntrospectionEndpoint::active).orElse(Map.of("active", false)));
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
        body.put("aud", claims.audience());
        body.put("iss", claims.issuer());
        body.put("jti", claims.jti());
        body.put("pass_id", claims.passId());
        return body;
    }
}

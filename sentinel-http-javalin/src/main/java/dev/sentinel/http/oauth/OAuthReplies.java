package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes OAuth replies: JSON that no cache may keep. */
public final class OAuthReplies {

    static final String CHALLENGE = "Basic realm=\"sentinel\", charset=\"UTF-8\"";

    private OAuthReplies() {
    }

    static void json(Context ctx, int status, Object body) {
        noStore(ctx);
        Json.reply(ctx, status, body);
    }

    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    /**
     * The single mapping of an {@link OAuthException} to a reply (RFC 6749 §5.2): 401 with a {@code WWW-Authenticate}
     * challenge for {@code invalid_client}, 429 with {@code Retry-After} for a throttled caller, 400 for the rest.
     * Registered once by the server.
     */
    public static void error(OAuthException refused, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.error().code());
        body.put("error_description", refused.description());
        int status = status(refused);
        if (status == 401) {
            ctx.header("WWW-Authenticate", CHALLENGE);
        }
        refused.retryAfter().ifPresent(wait ->
                ctx.header("Retry-After", Long.toString(OAuthException.retryAfterSeconds(wait))));
        json(ctx, status, body);
    }

    private static int status(OAuthException refused) {
        return switch (refused.error()) {
            case INVALID_CLIENT -> 401;
            case TEMPORARILY_UNAVAILABLE -> refused.retryAfter().isPresent() ? 429 : 503;
            default -> 400;
        };
    }
}

package dev.sentinel.http.oauth;

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

    /** The single mapping of {@link OAuthError} to a reply; registered once by the server. */
    public static void error(Exception failure, Context ctx) {
        OAuthError error = (OAuthError) failure;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.getMessage());
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", CHALLENGE);
        }
        if (error.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        json(ctx, error.status(), body);
    }

    /** The exception type {@link #error} handles, for registration. */
    public static Class<? extends Exception> errorType() {
        return OAuthError.class;
    }
}

package dev.sentinel.http.session;

import dev.sentinel.core.application.access.StartedSession;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The session cookie: {@code HttpOnly} (scripts cannot read it), {@code SameSite=Lax} (sent on top-level navigation
 * from elsewhere, as the single sign-on callback needs, never on cross-site subrequests), {@code Path=/}, no
 * {@code Max-Age} (the server ends the session; the browser forgets the cookie when it closes). Over HTTPS it is
 * {@code Secure} and named with the {@code __Host-} prefix, so no other host or plain-HTTP page can set it; over plain
 * HTTP (loopback, development) it has the plain name. A request is HTTPS when it arrived over TLS or the node's issuer
 * is an {@code https} URL (TLS ended at a proxy in front). Stateless and thread-safe.
 */
public final class SessionCookies {

    /** The name over plain HTTP. */
    public static final String NAME = "sentinel_session";
    /** The name over HTTPS. */
    public static final String SECURE_NAME = "__Host-" + NAME;
    /** The request attribute that says the public URL is {@code https} (set by the session gate). */
    static final String HTTPS_ATTRIBUTE = "sentinel.https";

    private SessionCookies() {
    }

    /** Sets the cookie of a session just started (always a new value: a cookie sent before is never adopted). */
    public static void set(Context ctx, StartedSession started) {
        String value = started.cookieValue();
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
                + (isHttps(ctx) ? "; Secure" : ""));
    }

    /** Tells the browser to forget the session cookie. */
    public static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (isHttps(ctx) ? "; Secure" : ""));
    }

    /** The session cookie's value, if the request carries one (over HTTPS only the {@code __Host-} one counts). */
    public static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(name(ctx))).filter(value -> !value.isEmpty());
    }

    /** Whether the request counts as HTTPS for the cookie. */
    public static boolean isHttps(Context ctx) {
        return ctx.req().isSecure() || Boolean.TRUE.equals(ctx.attribute(HTTPS_ATTRIBUTE));
    }

    private static String name(Context ctx) {
        return isHttps(ctx) ? SECURE_NAME : NAME;
    }
}

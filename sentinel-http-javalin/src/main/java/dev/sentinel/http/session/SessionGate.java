package dev.sentinel.http.session;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.ActiveSession;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.problem.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The before-handler on {@code /api/v1/*} that turns a session cookie into the caller: a valid session sets the request
 * attribute {@value #PRINCIPAL} (the management API's guard then looks for no bearer token). A state-changing request
 * (POST, PUT, PATCH, DELETE) made with the cookie must carry an {@code Origin} of this server and the session's token
 * in {@value #CSRF_HEADER}, else 403: a page elsewhere cannot act with the cookie the browser attaches. A cookie of an
 * ended or expired session is 401 (and cleared), except on sign-in and when a bearer token is sent as well. A session
 * that must enrol a second factor may reach only the session endpoints. Any sign-in from a page of another origin is
 * refused too (no signing a victim into the attacker's account).
 */
public final class SessionGate implements Handler {

    /** The request attribute that holds the caller ({@link Principal}). */
    public static final String PRINCIPAL = "sentinel.principal";
    /** The request attribute that holds the {@link ActiveSession} of a request made with a session cookie. */
    public static final String SESSION = "sentinel.session";
    /** The header that carries the per-session token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String COOKIE_VALUE = "sentinel.session.cookie";
    private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final SentinelNode node;

    public SessionGate(SentinelNode node) {
        this.node = node;
    }

    /** A before-handler for every path: marks requests whose public URL is HTTPS (the node's issuer says so). */
    public static Handler httpsMarker(SentinelNode node) {
        return ctx -> {
            String issuer = node.issuer();
            if (issuer != null && issuer.regionMatches(true, 0, "https:", 0, 6)) {
                ctx.attribute(SessionCookies.HTTPS_ATTRIBUTE, true);
            }
        };
    }

    @Override
    public void handle(Context ctx) {
        boolean signIn = ctx.method() == HandlerType.POST && ctx.path().equals(SessionRoutes.PATH);
        if (signIn) {
            String origin = ctx.header("Origin");
            if (origin != null && !isOwnOrigin(ctx, origin)) {
                throw new HttpProblem(403, "a sign-in must come from this server's own pages (Origin " + origin + ")");
            }
            return;
        }
        Optional<String> cookie = SessionCookies.read(ctx);
        if (cookie.isEmpty()) {
            return;
        }
        Optional<ActiveSession> session = node.sessions().resume(cookie.get());
        if (session.isEmpty()) {
            if (ctx.header("Authorization") != null || ctx.path().equals("/api/v1/openapi.json")) {
                return;
            }
            SessionCookies.clear(ctx);
            throw new HttpProblem(401, "the session has ended (signed out, or idle or old for too long): sign in again");
        }
        if (STATE_CHANGING.contains(ctx.method())) {
            checkSameOrigin(ctx, session.get());
        }
        if (session.get().enrolmentOnly() && !ctx.path().startsWith(SessionRoutes.PATH)) {
            throw new HttpProblem(403, "this account must enrol a second factor first (POST " + SessionRoutes.TOTP
                    + "); until then the session may do nothing else");
        }
        ctx.attribute(PRINCIPAL, session.get().principal());
        ctx.attribute(SESSION, session.get());
        ctx.attribute(COOKIE_VALUE, cookie.get());
    }

    private void checkSameOrigin(Context ctx, ActiveSession session) {
        String origin = ctx.header("Origin");
        if (origin == null || !isOwnOrigin(ctx, origin)) {
            throw new HttpProblem(403, "a request that changes something with the session cookie needs an Origin of "
                    + "this server" + (origin == null ? " (none was sent)" : " (got " + origin + ")"));
        }
        String token = ctx.header(CSRF_HEADER);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpProblem(403, "a request that changes something with the session cookie needs the session's "
                    + "token in " + CSRF_HEADER + " (GET " + SessionRoutes.PATH + " returns it as csrf_token)");
        }
    }

    /** The origin of the request's own URL (scheme and Host) or of the node's issuer. */
    private boolean isOwnOrigin(Context ctx, String origin) {
        String scheme = SessionCookies.isHttps(ctx) ? "https" : "http";
        String host = ctx.header("Host");
        if (host != null && origin.equalsIgnoreCase(scheme + "://" + host)) {
            return true;
        }
        String issuer = node.issuer();
        if (issuer == null) {
            return false;
        }
        try {
            URI uri = URI.create(issuer);
            String own = uri.getScheme() + "://" + uri.getRawAuthority();
            return origin.equalsIgnoreCase(own);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}

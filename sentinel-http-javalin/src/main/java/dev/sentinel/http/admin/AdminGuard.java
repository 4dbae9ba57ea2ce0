package dev.sentinel.http.admin;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Resolves who calls the management API: a caller the session handler already set ({@link Callers}) is kept; else
 * {@code Authorization: Bearer} is authenticated by the {@link BearerGate} (the admin token is an owner, the legacy
 * ingest token ingest for every project, an access key its role) and stored as the caller. Access tokens of passes
 * never pass. Ingest principals may call {@code POST /api/v1/activity} only, metrics keys nothing here (the legacy
 * ingest token elsewhere is refused with 401, as it always was; an ingest or metrics key with 403 naming the role
 * needed). What each route allows is decided by its handler through {@code Authorization}. The OpenAPI document, the
 * session and the set-up endpoints check what they need themselves.
 */
final class AdminGuard implements Handler {

    static final String INGEST_PATH = "/api/v1/activity";
    private static final String REALM = "sentinel-admin";
    private static final String NEEDS = "the management API needs Authorization: Bearer <access key or admin token>, "
            + "or a signed-in session";

    private final BearerGate gate;

    AdminGuard(BearerGate gate) {
        this.gate = gate;
    }

    static boolean exempt(String path) {
        return path.equals("/api/v1/openapi.json") || path.equals("/api/v1/session")
                || path.startsWith("/api/v1/session/") || path.equals("/api/v1/setup") || path.startsWith("/api/v1/setup/");
    }

    @Override
    public void handle(Context ctx) {
        if (exempt(ctx.path())) {
            return;
        }
        Principal caller = Callers.find(ctx).orElseGet(() -> authenticate(ctx));
        boolean ingest = ctx.method() == HandlerType.POST && ctx.path().equals(INGEST_PATH);
        if (caller.kind() == Principal.Kind.INGEST_TOKEN && !ingest) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            throw new HttpProblem(401, "the ingest token opens POST " + INGEST_PATH + " only; " + NEEDS);
        }
        boolean ingestOnly = caller.projectRoles().values().stream().anyMatch(role -> role == Role.INGEST);
        if (ingestOnly && !ingest) {
            throw new HttpProblem(403, "an access key with the role ingest may only call POST " + INGEST_PATH
                    + "; this needs the role viewer or admin of the project (or owner)");
        }
        if (caller.mayReadMetrics() && !caller.isOwner()) {
            throw new HttpProblem(403, "an access key with the role metrics may only read /metrics; this needs the "
                    + "role viewer or admin of the project (or owner)");
        }
        Callers.set(ctx, caller);
    }

    private Principal authenticate(Context ctx) {
        BearerGate.Authentication authentication = gate.authenticate(Requests.bearerToken(ctx), Requests.clientIp(ctx));
        switch (authentication.verdict()) {
            case ALLOWED -> {
                return authentication.principal().orElseThrow();
            }
            case THROTTLED -> {
                long seconds = OAuthException.retryAfterSeconds(authentication.retryAfter().orElseThrow());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new HttpProblem(429, "too many wrong tokens from this address; retry after " + seconds + " s");
            }
            case MISSING -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
                throw new HttpProblem(401, NEEDS);
            }
            default -> {
                // RFC 6750 §3.1: a token was sent and refused, so the challenge carries invalid_token
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
                throw new HttpProblem(401, "the bearer token is not a valid access key or admin token (mistyped, "
                        + "expired, revoked, or replaced by a rotation); " + NEEDS);
            }
        }
    }
}

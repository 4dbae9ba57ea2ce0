package dev.sentinel.http.admin;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.throttle.AuthThrottle;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Lets a management API request through only with {@code Authorization: Bearer <admin token>}. Access tokens of
 * passes never pass: admin tokens contain no {@code .}, JWTs always do.
 */
public final class AdminGuard implements Handler {

    private final AdminTokens tokens;
    private final Optional<AdminTokens> ingestTokens;
    private final AuthThrottle throttle;

    /**
     * @param ingestTokens a token that opens only {@code POST /api/v1/activity}, if configured
     * @param throttle     counts wrong tokens per address and refuses (429) an address over its limit
     */
    public AdminGuard(AdminTokens tokens, Optional<AdminTokens> ingestTokens, AuthThrottle throttle) {
        this.tokens = tokens;
        this.ingestTokens = ingestTokens;
        this.throttle = throttle;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().equals("/api/v1/openapi.json")) {
            return;
        }
        Optional<String> presented = Requests.bearerToken(ctx);
        Optional<String> address = Requests.clientIp(ctx);
        if (presented.isPresent()) {
            throttle.refuseThrottledToken(ctx, address);
        }
        boolean ingest = ctx.method() == HandlerType.POST && ctx.path().equals("/api/v1/activity");
        if (ingest && presented.isPresent() && ingestTokens.map(ingestToken -> ingestToken.matches(presented.get())).orElse(false)) {
            return;
        }
        if (!presented.map(tokens::matches).orElse(false)) {
            presented.ifPresent(wrong -> throttle.tokenFailed(address, ingest ? "admin or ingest token" : "admin token"));
            ctx.header("WWW-Authenticate", "Bearer realm=\"sentinel-admin\"");
            throw new HttpProblem(401, "the management API needs Authorization: Bearer <admin token>");
        }
    }
}

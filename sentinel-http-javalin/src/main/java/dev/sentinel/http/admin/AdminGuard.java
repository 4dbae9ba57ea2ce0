package dev.sentinel.http.admin;

import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Lets a management API request through only with {@code Authorization: Bearer <admin token>}. Access tokens of
 * passes never pass: admin tokens contain no {@code .}, JWTs always do.
 */
public final class AdminGuard implements Handler {

    private final AdminTokens tokens;

    public AdminGuard(AdminTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().equals("/api/v1/openapi.json")) {
            return;
        }
        if (!Requests.bearerToken(ctx).map(tokens::matches).orElse(false)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"sentinel-admin\"");
            throw new HttpProblem(401, "the management API needs Authorization: Bearer <admin token>");
        }
    }
}

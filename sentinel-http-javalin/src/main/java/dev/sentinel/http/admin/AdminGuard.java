package dev.sentinel.http.admin;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.http.access.BearerDoor;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Lets a management API request through only with {@code Authorization: Bearer <admin token>} (or the ingest token,
 * for {@code POST /api/v1/activity} only). Access tokens of passes never pass: admin tokens contain no {@code .}, JWTs
 * always do. The OpenAPI document is public.
 */
final class AdminGuard implements Handler {

    private final BearerDoor door;

    AdminGuard(BearerGate gate) {
        this.door = new BearerDoor(gate, "sentinel-admin", "the management API needs Authorization: Bearer <admin token>");
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().equals("/api/v1/openapi.json") || ctx.path().equals("/api/v1/session")
                || ctx.path().startsWith("/api/v1/session/")) {
            return;
        }
        dev.sentinel.core.port.in.Principal caller = ctx.attribute("sentinel.principal");
        if (caller != null) {
            // a signed-in session (set by the session gate); until the API checks roles, only owners pass
            if (!caller.isOwner()) {
                throw new dev.sentinel.http.problem.HttpProblem(403, "this needs the role owner");
            }
            return;
        }
        boolean ingest = ctx.method() == HandlerType.POST && ctx.path().equals("/api/v1/activity");
        door.admit(ctx, ingest ? BearerGate.Door.INGEST : BearerGate.Door.ADMIN);
    }
}

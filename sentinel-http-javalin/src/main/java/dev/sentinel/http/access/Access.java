package dev.sentinel.http.access;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * The management API's decisions, through core {@link Authorization}: each returns the caller when the action is
 * allowed, else throws what the problem handler turns into 403 (naming the role needed) or 404 (a pass or project
 * outside the caller's projects, answered as a missing one).
 */
public final class Access {

    private final Authorization authorization;

    public Access(Authorization authorization) {
        this.authorization = Objects.requireNonNull(authorization, "authorization");
    }

    /** The caller, allowed {@code action} on the pass named by the path's {@code passId}. */
    public Principal onPass(Context ctx, AccessAction action) {
        return onPass(ctx, action, Requests.passId(ctx));
    }

    public Principal onPass(Context ctx, AccessAction action, PassId passId) {
        Principal caller = Callers.of(ctx);
        authorization.requireOnPass(caller, action, passId);
        return caller;
    }

    /** The caller, allowed {@code action} on the project named by the path's {@code project}. */
    public static Principal onProject(Context ctx, AccessAction action) {
        return onProject(ctx, action, ProjectId.of(ctx.pathParam("project")));
    }

    public static Principal onProject(Context ctx, AccessAction action, ProjectId project) {
        Principal caller = Callers.of(ctx);
        Authorization.require(caller, action, project);
        return caller;
    }

    /** The caller, allowed the server-wide {@code action}. */
    public static Principal serverWide(Context ctx, AccessAction action) {
        Principal caller = Callers.of(ctx);
        Authorization.require(caller, action);
        return caller;
    }
}

package dev.sentinel.http.access;

import dev.sentinel.core.port.in.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The authenticated caller of a management API request: the {@link Principal} a before-handler stored on the context
 * as {@value #ATTRIBUTE} (the session handler for a signed-in person, the management guard for a bearer credential).
 * Handlers read the caller from here only.
 */
public final class Callers {

    /** The context attribute holding the caller. */
    public static final String ATTRIBUTE = "sentinel.principal";

    private Callers() {
    }

    /** The caller, if a before-handler authenticated one. */
    public static Optional<Principal> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The caller; fails when no before-handler authenticated one (a route the guard does not cover). */
    public static Principal of(Context ctx) {
        return find(ctx).orElseThrow(() -> new IllegalStateException("no authenticated caller on " + ctx.path()));
    }

    public static void set(Context ctx, Principal caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }
}

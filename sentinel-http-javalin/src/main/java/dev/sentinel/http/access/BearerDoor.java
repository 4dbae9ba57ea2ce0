package dev.sentinel.http.access;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;

/**
 * The HTTP side of the one {@link BearerGate}: a before-handler's check of {@code Authorization: Bearer} for a door
 * (admin, ingest, metrics). Refusals are problem JSON: 401 with a {@code WWW-Authenticate: Bearer} challenge for a
 * missing token (what the door needs) and for a wrong one (that the token sent is not valid, with
 * {@code error="invalid_token"}), 429 with {@code Retry-After} for an address over its limit of wrong tokens.
 */
public final class BearerDoor {

    private final BearerGate gate;
    private final String realm;
    private final String needs;

    /**
     * @param realm the challenge's realm
     * @param needs what a refused request is told it needs, e.g. "the metrics need Authorization: Bearer <metrics token>"
     */
    public BearerDoor(BearerGate gate, String realm, String needs) {
        this.gate = gate;
        this.realm = realm;
        this.needs = needs;
    }

    /** Lets the request through {@code door}, or ends it with the refusal. */
    public void admit(Context ctx, BearerGate.Door door) {
        BearerGate.Decision decision = gate.check(door, Requests.bearerToken(ctx), Requests.clientIp(ctx));
        switch (decision.verdict()) {
            case ALLOWED -> {
            }
            case THROTTLED -> {
                long seconds = OAuthException.retryAfterSeconds(decision.retryAfter().orElseThrow());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new HttpProblem(429, "too many wrong tokens from this address; retry after " + seconds + " s");
            }
            case MISSING -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
                throw new HttpProblem(401, needs);
            }
            case WRONG -> {
                // RFC 6750 §3.1: a token was sent and refused, so the challenge carries invalid_token
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");
                throw new HttpProblem(401, "the bearer token is not a valid " + door.tokens()
                        + " (mistyped, or replaced by a rotation); " + needs);
            }
        }
    }
}

package dev.sentinel.http.metrics;

import dev.sentinel.core.application.oauth.BearerGate;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.access.BearerDoor;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Open to anyone unless a metrics token is configured;
 * then only {@code Authorization: Bearer <metrics token>} or an access key with the role {@code metrics} or
 * {@code owner} gets them (401 otherwise; another access key 403), and wrong tokens count against the same per-address
 * limit as wrong admin tokens (429 once over it). The admin token does not open it: a scraper's configuration should
 * hold no more than it needs.
 */
final class MetricsEndpoint implements Handler {

    private final ServerMetrics metrics;
    private final BearerGate gate;
    private final BearerDoor door;

    MetricsEndpoint(ServerMetrics metrics, BearerGate gate) {
        this.metrics = metrics;
        this.gate = gate;
        this.door = new BearerDoor(gate, "sentinel-metrics", "the metrics need Authorization: Bearer <metrics token "
                + "or metrics access key>");
    }

    @Override
    public void handle(Context ctx) {
        Optional<String> presented = Requests.bearerToken(ctx);
        if (presented.filter(MetricsEndpoint::looksLikeAccessKey).isPresent()) {
            BearerGate.Authentication authentication = gate.authenticate(presented, Requests.clientIp(ctx));
            Optional<Principal> caller = authentication.principal();
            if (caller.isPresent() && caller.get().kind() == Principal.Kind.ACCESS_KEY) {
                if (!caller.get().mayReadMetrics()) {
                    throw new HttpProblem(403, "the metrics need the role metrics (or owner); this key's role does "
                            + "not allow them");
                }
                reply(ctx);
                return;
            }
            if (authentication.verdict() == BearerGate.Verdict.THROTTLED) {
                long seconds = dev.sentinel.core.domain.OAuthException.retryAfterSeconds(
                        authentication.retryAfter().orElseThrow());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new HttpProblem(429, "too many wrong tokens from this address; retry after " + seconds + " s");
            }
            if (authentication.verdict() == BearerGate.Verdict.WRONG) {
                // counted once, by authenticate; an expired or revoked key is refused like a wrong token
                ctx.header("WWW-Authenticate", "Bearer realm=\"sentinel-metrics\", error=\"invalid_token\"");
                throw new HttpProblem(401, "the access key is not valid (mistyped, expired or revoked)");
            }
        }
        door.admit(ctx, BearerGate.Door.METRICS);
        reply(ctx);
    }

    private static boolean looksLikeAccessKey(String token) {
        return token.startsWith(dev.sentinel.core.application.access.AccessKeyService.PREFIX);
    }

    private void reply(Context ctx) {
        ctx.status(200).contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}

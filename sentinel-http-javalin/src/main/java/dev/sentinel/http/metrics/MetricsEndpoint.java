package dev.sentinel.http.metrics;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.throttle.AuthThrottle;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Open to anyone unless a metrics token is configured;
 * then only {@code Authorization: Bearer <metrics token>} gets them (401 otherwise), and wrong tokens count against
 * the same per-address limit as wrong admin tokens (429 once over it). The admin token does not open it: a scraper's
 * configuration should hold no more than it needs.
 */
public final class MetricsEndpoint implements Handler {

    private final ServerMetrics metrics;
    private final Optional<AdminTokens> token;
    private final AuthThrottle throttle;

    public MetricsEndpoint(ServerMetrics metrics, Optional<AdminTokens> token, AuthThrottle throttle) {
        this.metrics = metrics;
        this.token = token;
        this.throttle = throttle;
    }

    @Override
    public void handle(Context ctx) {
        token.ifPresent(expected -> authorize(ctx, expected));
        ctx.status(200).contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }

    private void authorize(Context ctx, AdminTokens expected) {
        Optional<String> presented = Requests.bearerToken(ctx);
        Optional<String> address = Requests.clientIp(ctx);
        if (presented.isPresent()) {
            throttle.refuseThrottledToken(ctx, address);
        }
        if (!presented.map(expected::matches).orElse(false)) {
            presented.ifPresent(wrong -> throttle.tokenFailed(address, "metrics token"));
            ctx.header("WWW-Authenticate", "Bearer realm=\"sentinel-metrics\"");
            throw new HttpProblem(401, "the metrics need Authorization: Bearer <metrics token>");
        }
    }
}

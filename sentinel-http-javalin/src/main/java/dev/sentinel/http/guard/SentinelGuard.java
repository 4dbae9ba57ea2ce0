package dev.sentinel.http.guard;

import dev.sentinel.http.web.Requests;
import dev.sentinel.resource.guard.GuardDecision;
import dev.sentinel.resource.guard.ProtectedResource;
import dev.sentinel.resource.guard.TokenGuard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Protects the routes of a Javalin application with Sentinel access tokens and records every request to them.
 *
 * <pre>{@code
 * SentinelGuard guard = SentinelGuard.of(server.tokenGuard());
 * Javalin.create(config -> {
 *     guard.protect(config.routes, "/v1/*");                          // 401 without a valid token; records
 *     config.routes.before("/v1/orders", guard.require("read:orders")); // 403 without the permission
 *     config.routes.get("/v1/orders", ctx -> ctx.result("[]"));
 * });
 * }</pre>
 *
 * The client's address is the socket peer, or what the guard's trusted proxies report
 * ({@link TokenGuard.Builder#trustedProxies}); a token of a pass bound to networks is refused from anywhere else.
 * Refusals follow RFC 6750: 401 or 403 with {@code WWW-Authenticate: Bearer error="…"} and a small JSON body. A
 * remote guard that cannot reach the issuer answers 503 with {@code Retry-After}, letting nobody in.
 * Thread-safe.
 */
public final class SentinelGuard {

    private static final String CLIENT_IP = "sentinel.guard.clientIp";

    private static final String DECISION = "sentinel.guard.decision";
    private static final String STARTED = "sentinel.guard.started";
    private static final String STARTED_AT = "sentinel.guard.startedAt";
    private static final String RECORDED = "sentinel.guard.recorded";

    private final TokenGuard guard;
    private final String realm;
    private final ProtectedResource resource;

    private SentinelGuard(TokenGuard guard, String realm, ProtectedResource resource) {
        this.guard = guard;
        this.realm = realm;
        this.resource = resource;
    }

    public static SentinelGuard of(TokenGuard guard) {
        return new SentinelGuard(Objects.requireNonNull(guard, "guard"), "sentinel", null);
    }

    /** The same guard naming another realm in its {@code WWW-Authenticate} replies. */
    public SentinelGuard realm(String value) {
        return new SentinelGuard(guard, Objects.requireNonNull(value, "realm"), resource);
    }

    /**
     * The same guard for the API {@code value} describes: its challenges carry
     * {@code resource_metadata="<value.metadataUri()>"}, and {@link #serveMetadata} serves the document.
     */
    public SentinelGuard protectedResource(ProtectedResource value) {
        return new SentinelGuard(guard, realm, Objects.requireNonNull(value, "protectedResource"));
    }

    /**
     * Serves the RFC 9728 metadata at {@link ProtectedResource#metadataPath()}, to anyone (it is public), even when
     * that path falls under a protected path.
     *
     * @throws IllegalStateException when the guard has no {@link #protectedResource(ProtectedResource)}
     */
    public void serveMetadata(RoutesConfig routes) {
        if (resource == null) {
            throw new IllegalStateException("the guard has no protected resource: call protectedResource(...) first");
        }
        byte[] document = resource.json();
        routes.get(resource.metadataPath(), ctx -> ctx.status(200).contentType("application/json")
                .header("Cache-Control", "public, max-age=300").result(document));
    }

    /** Requires a valid token on every route matching {@code path} and records every request to them. */
    public void protect(RoutesConfig routes, String path) {
        routes.before(path, authenticate());
        routes.after(path, record());
    }

    /** A before-handler that lets a request through only with a valid token (401 otherwise). */
    public Handler authenticate() {
        return ctx -> {
            if (resource != null && ctx.path().equals(resource.metadataPath())) {
                return; // the metadata says how to get a token: it cannot itself need one
            }
            ctx.attribute(STARTED, System.nanoTime());
            ctx.attribute(STARTED_AT, Instant.now());
            GuardDecision decision = guard.check(ctx.header("Authorization"), Optional.empty(), clientIp(ctx));
            ctx.attribute(DECISION, decision);
            if (!decision.allowed()) {
                refuse(ctx, decision);
            }
        };
    }

    /** A before-handler, placed after {@link #authenticate()}, that requires a permission among the token's scopes. */
    public Handler require(String permission) {
        Objects.requireNonNull(permission, "permission");
        return ctx -> {
            GuardDecision earlier = ctx.attribute(DECISION);
            if (earlier != null && !earlier.allowed()) {
                return;
            }
            GuardDecision decision = guard.check(ctx.header("Authorization"), Optional.of(permission), clientIp(ctx));
            ctx.attribute(DECISION, decision);
            if (!decision.allowed()) {
                refuse(ctx, decision);
            }
        };
    }

    /** An after-handler that records the finished request against the token's pass. */
    public Handler record() {
        return this::recordOnce;
    }

    /**
     * Records the request once: refusals are recorded when refused (they end the request, so after-handlers may not
     * run), everything else by the after-handler.
     */
    private void recordOnce(Context ctx) {
        GuardDecision decision = ctx.attribute(DECISION);
        Long started = ctx.attribute(STARTED);
        Instant startedAt = ctx.attribute(STARTED_AT);
        if (decision == null || started == null || startedAt == null || ctx.attribute(RECORDED) != null) {
            return;
        }
        ctx.attribute(RECORDED, Boolean.TRUE);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        guard.record(decision, ctx.method().name(), ctx.path(), ctx.statusCode(), startedAt, durationMs,
                clientIp(ctx), Optional.ofNullable(ctx.header("User-Agent")), Optional.empty());
    }

    private void refuse(Context ctx, GuardDecision decision) {
        decision.challenge(realm, Optional.ofNullable(resource)).ifPresent(value -> ctx.header("WWW-Authenticate", value));
        decision.retryAfter().ifPresent(seconds -> ctx.header("Retry-After", seconds));
        ctx.status(decision.status()).contentType("application/json").result(decision.errorBody());
        recordOnce(ctx);
        ctx.skipRemainingHandlers();
    }

    /** The client as the guard's trusted proxies tell it, resolved once per request. */
    private Optional<String> clientIp(Context ctx) {
        Optional<String> resolved = ctx.attribute(CLIENT_IP);
        if (resolved == null) {
            resolved = Requests.clientIp(ctx, guard.clientAddresses());
            ctx.attribute(CLIENT_IP, resolved);
        }
        return resolved;
    }
}

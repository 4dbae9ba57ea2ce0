package dev.sentinel.resource.servlet;

import dev.sentinel.resource.guard.GuardDecision;
import dev.sentinel.resource.guard.ProtectedResource;
import dev.sentinel.resource.guard.TokenGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Protects the requests of any Servlet 6 container with Sentinel access tokens and records every one: a thin binding
 * of a {@link TokenGuard}, which makes every decision (token, scope, audience, networks). A request without a valid
 * token gets 401, one without the permission its path needs 403, both with an RFC 6750 {@code WWW-Authenticate}
 * challenge that names the RFC 9728 metadata when a {@link ProtectedResource} is given; that metadata is served at its
 * well-known path to anyone. A remote guard that cannot reach the issuer answers 503 with {@code Retry-After}.
 *
 * <pre>{@code
 * SentinelFilter filter = SentinelFilter.of(guard)
 *         .protectedResource(ProtectedResource.builder("https://api.example.com/mcp")
 *                 .authorizationServer("https://auth.example.com").build())
 *         .permissions(request -> Optional.of("tools:call"));
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * Immutable and thread-safe; the configuring methods return a new filter. The filter owns its guard and closes it
 * when the container destroys it.
 */
public final class SentinelFilter implements Filter {

    private final TokenGuard guard;
    private final String realm;
    private final Optional<ProtectedResource> resource;
    private final Function<HttpServletRequest, Optional<String>> permission;
    private final byte[] metadata;

    private SentinelFilter(TokenGuard guard, String realm, Optional<ProtectedResource> resource,
                           Function<HttpServletRequest, Optional<String>> permission) {
        this.guard = guard;
        this.realm = realm;
        this.resource = resource;
        this.permission = permission;
        this.metadata = resource.map(ProtectedResource::json).orElse(null);
    }

    /** A filter that lets through every request with a valid token, whatever its scope. */
    public static SentinelFilter of(TokenGuard guard) {
        return new SentinelFilter(Objects.requireNonNull(guard, "guard"), "sentinel", Optional.empty(),
                request -> Optional.empty());
    }

    /** The same filter naming another realm in its challenges. */
    public SentinelFilter realm(String value) {
        return new SentinelFilter(guard, Objects.requireNonNull(value, "realm"), resource, permission);
    }

    /**
     * The same filter for the API {@code value} describes: its challenges carry {@code resource_metadata}, and the
     * metadata document is served at {@link ProtectedResource#metadataPath()} without a token.
     */
    public SentinelFilter protectedResource(ProtectedResource value) {
        return new SentinelFilter(guard, realm, Optional.of(Objects.requireNonNull(value, "protectedResource")),
                permission);
    }

    /** The same filter requiring {@code value} among the token's scopes on every request. */
    public SentinelFilter permission(String value) {
        Objects.requireNonNull(value, "permission");
        return permissions(request -> Optional.of(value));
    }

    /** The same filter requiring, per request, the permission {@code rule} names (empty: any valid token). */
    public SentinelFilter permissions(Function<HttpServletRequest, Optional<String>> rule) {
        return new SentinelFilter(guard, realm, resource, Objects.requireNonNull(rule, "rule"));
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (metadata != null && "GET".equals(request.getMethod())
                && request.getRequestURI().equals(resource.orElseThrow().metadataPath())) {
            serveMetadata(response);
            return;
        }
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Optional<String> clientIp = guard.clientAddress(request.getRemoteAddr(), headers(request, "Forwarded"),
                headers(request, "X-Forwarded-For"));
        GuardDecision decision = guard.check(request.getHeader("Authorization"), permission.apply(request), clientIp);
        if (!decision.allowed()) {
            refuse(response, decision);
            record(request, decision, decision.status(), started, startedAt, clientIp);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, decision, response.getStatus(), started, startedAt, clientIp);
        }
    }

    private void serveMetadata(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getOutputStream().write(metadata);
    }

    private void refuse(HttpServletResponse response, GuardDecision decision) throws IOException {
        decision.challenge(realm, resource).ifPresent(value -> response.setHeader("WWW-Authenticate", value));
        decision.retryAfter().ifPresent(seconds -> response.setHeader("Retry-After", seconds));
        response.setStatus(decision.status());
        response.setContentType("application/json");
        response.getOutputStream().write(decision.errorBody());
    }

    private void record(HttpServletRequest request, GuardDecision decision, int status, long started, Instant startedAt,
                        Optional<String> clientIp) {
        guard.record(decision, request.getMethod(), path(request), status, startedAt,
                (System.nanoTime() - started) / 1_000_000, clientIp, Optional.ofNullable(request.getHeader("User-Agent")),
                Optional.empty());
    }

    /** The request's path inside the application, as the guard records it. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }

    /**
     * Closes the guard when the container takes the filter out of service: a remote guard sends the activity it still
     * buffers. The filter owns its guard; give each filter its own.
     */
    @Override
    public void destroy() {
        guard.close();
    }

    @Override
    public String toString() {
        return "SentinelFilter[" + realm + resource.map(value -> ", " + value).orElse("") + "]";
    }
}

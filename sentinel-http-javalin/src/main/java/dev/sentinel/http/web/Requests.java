package dev.sentinel.http.web;

import dev.sentinel.resource.guard.ClientAddresses;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ValidationException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/** Small readings of a request that several endpoints share. */
public final class Requests {

    private static final int USER_AGENT_MAX = 512;
    private static final String CLIENT_ADDRESSES = "sentinel.clientAddresses";
    private static final String CLIENT_IP = "sentinel.clientIp";

    private Requests() {
    }

    /** The media type of the body without parameters, lower-case; empty when there is no Content-Type. */
    public static Optional<String> mediaType(Context ctx) {
        String raw = ctx.header("Content-Type");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        int semicolon = raw.indexOf(';');
        return Optional.of((semicolon < 0 ? raw : raw.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The client's address, as the server's configured {@link ClientAddresses} tells it (see
     * {@link #resolveClientsWith}); without one, the socket peer (forwarding headers are not trusted). Resolved once
     * per request.
     */
    public static Optional<String> clientIp(Context ctx) {
        Optional<String> resolved = ctx.attribute(CLIENT_IP);
        if (resolved == null) {
            ClientAddresses addresses = ctx.attribute(CLIENT_ADDRESSES);
            resolved = clientIp(ctx, addresses != null ? addresses : ClientAddresses.none());
            ctx.attribute(CLIENT_IP, resolved);
        }
        return resolved;
    }

    /** The client's address as {@code addresses} tells it from the socket peer and the forwarding headers. */
    public static Optional<String> clientIp(Context ctx, ClientAddresses addresses) {
        return addresses.resolve(ctx.ip(), headers(ctx, "Forwarded"), headers(ctx, "X-Forwarded-For"));
    }

    /** A before-handler that makes {@link #clientIp(Context)} use {@code addresses} for every later handler. */
    public static io.javalin.http.Handler resolveClientsWith(ClientAddresses addresses) {
        java.util.Objects.requireNonNull(addresses, "addresses");
        return ctx -> ctx.attribute(CLIENT_ADDRESSES, addresses);
    }

    private static java.util.List<String> headers(Context ctx, String name) {
        return java.util.Collections.list(ctx.req().getHeaders(name));
    }

    public static Optional<String> userAgent(Context ctx) {
        String agent = ctx.header("User-Agent");
        if (agent == null || agent.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(agent.length() > USER_AGENT_MAX ? agent.substring(0, USER_AGENT_MAX) : agent);
    }

    /** The {@code passId} path parameter; a segment that cannot be a pass id names no pass: 404, like an unknown one. */
    public static PassId passId(Context ctx) {
        String raw = ctx.pathParam("passId");
        try {
            return PassId.of(raw);
        } catch (ValidationException malformed) {
            throw new PassNotFoundException(raw.length() > 40 ? raw.substring(0, 40) : raw);
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, if that is the scheme used. */
    public static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}

package dev.sentinel.http.web;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ValidationException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/** Small readings of a request that several endpoints share. */
public final class Requests {

    private static final int USER_AGENT_MAX = 512;

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

    /** The peer's address (forwarding headers are not trusted). */
    public static Optional<String> clientIp(Context ctx) {
        String ip = ctx.ip();
        return ip == null || ip.isBlank() ? Optional.empty() : Optional.of(ip.length() > 64 ? ip.substring(0, 64) : ip);
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

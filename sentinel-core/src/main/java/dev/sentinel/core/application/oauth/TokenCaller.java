package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.SentinelPass;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks to introspect or revoke a token: the admin, or the authenticated client of a pass. The adapter
 * authenticates the caller (admin token, client credentials); the use cases decide what it may learn or do.
 */
public final class TokenCaller {

    private static final TokenCaller ADMIN = new TokenCaller(null);

    private final SentinelPass client;

    private TokenCaller(SentinelPass client) {
        this.client = client;
    }

    public static TokenCaller admin() {
        return ADMIN;
    }

    /** The client of {@code pass}, already authenticated. */
    public static TokenCaller client(SentinelPass pass) {
        return new TokenCaller(Objects.requireNonNull(pass, "pass"));
    }

    public boolean isAdmin() {
        return client == null;
    }

    /** The caller's pass, unless it is the admin. */
    public Optional<SentinelPass> pass() {
        return Optional.ofNullable(client);
    }

    @Override
    public String toString() {
        return isAdmin() ? "TokenCaller[admin]" : "TokenCaller[" + client.clientId() + "]";
    }
}

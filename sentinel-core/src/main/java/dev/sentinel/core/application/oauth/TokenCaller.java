package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks to introspect or revoke a token: the admin, or the authenticated client of a pass. The adapter
 * authenticates the caller (admin token, client credentials); the use cases decide what it may learn or do.
 */
public final class TokenCaller {

    private static final TokenCaller ADMIN = new TokenCaller(null, Principal.ADMIN_TOKEN_NAME);

    private final SentinelPass client;
    private final String actor;

    private TokenCaller(SentinelPass client, String actor) {
        this.client = client;
        this.actor = actor;
    }

    /** The admin, audited as {@value Principal#ADMIN_TOKEN_NAME} (the legacy admin token). */
    public static TokenCaller admin() {
        return ADMIN;
    }

    /** An owner other than the legacy admin token (an account, an access key), audited by its name. */
    public static TokenCaller admin(Principal owner) {
        return new TokenCaller(null, owner.name());
    }

    /** The client of {@code pass}, already authenticated, audited as {@code client:<client_id>}. */
    public static TokenCaller client(SentinelPass pass) {
        Objects.requireNonNull(pass, "pass");
        return new TokenCaller(pass, "client:" + pass.clientId().value());
    }

    /** What the audit trail records for what this caller does. */
    public String actor() {
        return actor;
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

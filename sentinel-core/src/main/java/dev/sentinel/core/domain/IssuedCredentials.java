package dev.sentinel.core.domain;

import dev.sentinel.core.domain.ClientId;
import java.util.Objects;

/**
 * Credentials as shown exactly once, after create or regenerate. Renders as JSON or as bash {@code export} lines;
 * {@link #toString()} hides the secret. A {@code private_key_jwt} pass has no secret: only its client id is issued
 * ({@link #keysOnly}).
 */
public final class IssuedCredentials {

    private final ClientId clientId;
    private final ClientSecret clientSecret;

    public IssuedCredentials(ClientId clientId, ClientSecret clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    private IssuedCredentials(ClientId clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = null;
    }

    /** The credentials of a pass whose client authenticates with its keys: a client id, no secret. */
    public static IssuedCredentials keysOnly(ClientId clientId) {
        return new IssuedCredentials(clientId);
    }

    public ClientId clientId() {
        return clientId;
    }

    /**
     * The secret issued.
     *
     * @throws IllegalStateException for a pass that has none ({@link #secret()} is empty)
     */
    public ClientSecret clientSecret() {
        if (clientSecret == null) {
            throw new IllegalStateException("a private_key_jwt pass has no client secret");
        }
        return clientSecret;
    }

    /** The secret issued; empty for a pass that authenticates with its keys. */
    public java.util.Optional<ClientSecret> secret() {
        return java.util.Optional.ofNullable(clientSecret);
    }

    /**
     * {@code {"client_id": "…", "client_secret": "…"}} (without {@code client_secret} for a key pass): both values are
     * base62 with a prefix, so need no escaping.
     */
    public String toJson() {
        return "{\"client_id\": \"" + clientId.value() + "\""
                + (clientSecret == null ? "" : ", \"client_secret\": \"" + clientSecret.reveal() + "\"") + "}";
    }

    /** Two lines (one for a key pass) to source in a shell or CI job. */
    public String toBashExport() {
        return "export SENTINEL_CLIENT_ID='" + clientId.value() + "'\n"
                + (clientSecret == null ? "" : "export SENTINEL_CLIENT_SECRET='" + clientSecret.reveal() + "'\n");
    }

    @Override
    public String toString() {
        return "IssuedCredentials[client_id=" + clientId + (clientSecret == null ? ", no client_secret]"
                : ", client_secret=redacted]");
    }
}

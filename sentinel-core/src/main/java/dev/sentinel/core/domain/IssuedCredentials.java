package dev.sentinel.core.domain;

import dev.sentinel.core.domain.ClientId;
import java.util.Objects;

/**
 * Credentials as shown exactly once, after create or regenerate. Renders as JSON or as bash {@code export} lines;
 * {@link #toString()} hides the secret.
 */
public final class IssuedCredentials {

    private final ClientId clientId;
    private final ClientSecret clientSecret;

    public IssuedCredentials(ClientId clientId, ClientSecret clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    public ClientId clientId() {
        return clientId;
    }

    public ClientSecret clientSecret() {
        return clientSecret;
    }

    /** {@code {"client_id": "…", "client_secret": "…"}}: both values are base62 with a prefix, so need no escaping. */
    public String toJson() {
        return "{\"client_id\": \"" + clientId.value() + "\", \"client_secret\": \"" + clientSecret.reveal() + "\"}";
    }

    /** Two lines to source in a shell or CI job. */
    public String toBashExport() {
        return "export SENTINEL_CLIENT_ID='" + clientId.value() + "'\n"
                + "export SENTINEL_CLIENT_SECRET='" + clientSecret.reveal() + "'\n";
    }

    @Override
    public String toString() {
        return "IssuedCredentials[client_id=" + clientId + ", client_secret=redacted]";
    }
}

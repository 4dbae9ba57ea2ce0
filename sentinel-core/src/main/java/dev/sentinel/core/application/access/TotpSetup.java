package dev.sentinel.core.application.access;

import java.util.Objects;

/**
 * What a person needs to enrol an authenticator app, shown once: the secret in base32 and the {@code otpauth://} URI.
 * {@link #toString()} shows neither.
 */
public record TotpSetup(String secret, String uri) {

    public TotpSetup {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String toString() {
        return "TotpSetup[redacted]";
    }
}

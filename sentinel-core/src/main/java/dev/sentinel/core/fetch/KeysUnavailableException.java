package dev.sentinel.core.fetch;

import java.util.Objects;

/**
 * No keys can be had from a {@link KeySource}. The message is safe to show an operator and to record as evidence: it
 * names the URI and what went wrong, never a response body.
 */
public final class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message) {
        super(Objects.requireNonNull(message, "message"));
    }

    public KeysUnavailableException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
    }
}

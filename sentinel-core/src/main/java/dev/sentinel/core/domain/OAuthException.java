package dev.sentinel.core.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth request the rules refuse: its {@link OAuthError} code, a description for the client (which never says why
 * a client failed to authenticate, nor holds a secret) and, for a throttled request, how long to wait.
 */
public final class OAuthException extends SentinelException {

    private final OAuthError error;
    private final Duration retryAfter;

    public OAuthException(OAuthError error, String description) {
        this(error, description, null);
    }

    private OAuthException(OAuthError error, String description, Duration retryAfter) {
        super(Objects.requireNonNull(description, "description"));
        this.error = Objects.requireNonNull(error, "error");
        this.retryAfter = retryAfter;
    }

    /** {@code invalid_request} with what is wrong with the request. */
    public static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    /** {@code invalid_client}, the one answer to every failed client authentication. */
    public static OAuthException invalidClient() {
        return new OAuthException(OAuthError.INVALID_CLIENT, "client authentication failed");
    }

    /**
     * {@code temporarily_unavailable} after too many failed authentications from this address (or for this client id
     * from it): the caller may try again after {@code wait}.
     */
    public static OAuthException throttled(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "too many failed client authentications; retry "
                + "after " + retryAfterSeconds(wait) + " s", wait);
    }

    /** Whole seconds for a {@code Retry-After} header: at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public OAuthError error() {
        return error;
    }

    /** The client-facing description ({@code error_description}). */
    public String description() {
        return getMessage();
    }

    /** How long a throttled caller should wait; empty for every other refusal. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

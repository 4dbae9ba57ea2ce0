package dev.sentinel.http.oauth;

import dev.sentinel.http.throttle.AuthThrottle;

/**
 * An OAuth 2.0 error reply (RFC 6749 §5.2): {@code {"error", "error_description"}} with 400, or 401 and a
 * {@code WWW-Authenticate} challenge for {@code invalid_client}. Descriptions never reveal why a client failed to
 * authenticate, nor any secret.
 */
final class OAuthError extends RuntimeException {

    private final String error;
    private final int status;
    private final long retryAfterSeconds;

    private OAuthError(String error, int status, String description) {
        this(error, status, description, 0);
    }

    private OAuthError(String error, int status, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 429: too many failed client authentications from this address (or for this client id from it). The code is
     * RFC 6749's {@code temporarily_unavailable}, which OAuth client libraries know; {@code Retry-After} says when.
     */
    static OAuthError throttled(java.time.Duration wait) {
        long seconds = AuthThrottle.retryAfterSeconds(wait);
        return new OAuthError("temporarily_unavailable", 429, "too many failed client authentications; retry after "
                + seconds + " s", seconds);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", 400, description);
    }

    static OAuthError invalidClient() {
        return new OAuthError("invalid_client", 401, "client authentication failed");
    }

    static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", 400, description);
    }

    static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", 400, description);
    }

    static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", 400, description);
    }

    /** RFC 8707 §2: a resource indicator that is not valid or not allowed to the client. */
    static OAuthError invalidTarget(String description) {
        return new OAuthError("invalid_target", 400, description);
    }

    String error() {
        return error;
    }

    int status() {
        return status;
    }

    /** Seconds for {@code Retry-After}; 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package dev.sentinel.http.metrics;

import java.util.Locale;

/**
 * The coarse result of a request to an OAuth endpoint, a label value of the grant and revocation counters. Coarse on
 * purpose: {@link #INVALID_CLIENT} stands for every failed client authentication (unknown client id, wrong secret,
 * inactive or expired pass, outside the pass's networks), so the metrics never tell a known client id from an unknown
 * one.
 */
public enum GrantResult {
    SUCCESS(true),
    INVALID_REQUEST(true),
    UNSUPPORTED_GRANT_TYPE(false),
    INVALID_CLIENT(true),
    UNAUTHORIZED_CLIENT(true),
    INVALID_SCOPE(false),
    INVALID_TARGET(false),
    THROTTLED(true);

    private final String label;
    private final boolean revocation;

    GrantResult(boolean revocation) {
        this.label = name().toLowerCase(Locale.ROOT);
        this.revocation = revocation;
    }

    /** The result of an OAuth error reply with this RFC 6749 {@code error} code ({@code temporarily_unavailable} is
     * only ever a throttled attempt). */
    public static GrantResult ofError(String error) {
        return switch (error) {
            case "invalid_client" -> INVALID_CLIENT;
            case "unauthorized_client" -> UNAUTHORIZED_CLIENT;
            case "unsupported_grant_type" -> UNSUPPORTED_GRANT_TYPE;
            case "invalid_scope" -> INVALID_SCOPE;
            case "invalid_target" -> INVALID_TARGET;
            case "temporarily_unavailable" -> THROTTLED;
            default -> INVALID_REQUEST;
        };
    }

    /** The label value. */
    public String label() {
        return label;
    }

    boolean revocation() {
        return revocation;
    }
}

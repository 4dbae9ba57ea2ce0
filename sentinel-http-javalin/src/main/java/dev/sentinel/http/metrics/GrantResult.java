package dev.sentinel.http.metrics;

import dev.sentinel.core.domain.OAuthError;
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

    /**
     * The result of an OAuth error reply with this code ({@code temporarily_unavailable} is only ever a throttled
     * attempt; codes without a label of their own count as {@code invalid_request}).
     */
    public static GrantResult of(OAuthError error) {
        return switch (error) {
            case INVALID_CLIENT -> INVALID_CLIENT;
            case UNAUTHORIZED_CLIENT -> UNAUTHORIZED_CLIENT;
            case UNSUPPORTED_GRANT_TYPE -> UNSUPPORTED_GRANT_TYPE;
            case INVALID_SCOPE -> INVALID_SCOPE;
            case INVALID_TARGET -> INVALID_TARGET;
            case TEMPORARILY_UNAVAILABLE -> THROTTLED;
            case INVALID_REQUEST, INVALID_GRANT, UNSUPPORTED_TOKEN_TYPE -> INVALID_REQUEST;
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

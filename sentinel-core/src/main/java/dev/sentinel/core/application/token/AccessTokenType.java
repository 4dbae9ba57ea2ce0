package dev.sentinel.core.application.token;

import java.util.Locale;

/**
 * The {@code typ} header of issued access tokens. {@code at+jwt} is what RFC 9068 asks for; {@code JWT} is for
 * resource servers that refuse any other type, such as a stock Spring Boot resource server. Sentinel's own verifiers
 * accept both from their issuer, so the setting can change on a running cluster.
 */
public enum AccessTokenType {
    /** {@code typ: at+jwt} (RFC 9068 §2.1), the default. */
    AT_JWT("at+jwt"),
    /** {@code typ: JWT} (RFC 7519 §5.1). */
    JWT("JWT");

    private final String headerValue;

    AccessTokenType(String headerValue) {
        this.headerValue = headerValue;
    }

    /** Parses {@code at+jwt} or {@code JWT}, ignoring case. */
    public static AccessTokenType parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (AccessTokenType type : values()) {
            if (type.headerValue.toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("access token typ must be at+jwt or JWT (got '" + value + "')");
    }

    /** The value of the {@code typ} header. */
    public String headerValue() {
        return headerValue;
    }

    @Override
    public String toString() {
        return headerValue;
    }
}

package dev.sentinel.core.jose;

import java.util.Locale;
import java.util.Set;

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

    /**
     * The {@code typ} values Sentinel's verifiers accept from their issuer, lower-case and compared case-insensitively:
     * RFC 9068's {@code at+jwt} (also as the full media type) and plain {@code JWT}.
     */
    public static final Set<String> ACCEPTED = Set.of("at+jwt", "application/at+jwt", "jwt");

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

    /** Whether a token header's {@code typ} is one of {@link #ACCEPTED}. */
    public static boolean accepted(String typ) {
        return typ != null && ACCEPTED.contains(typ.toLowerCase(Locale.ROOT));
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

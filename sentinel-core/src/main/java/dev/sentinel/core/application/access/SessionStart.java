package dev.sentinel.core.application.access;

import java.util.Objects;
import java.util.Optional;

/**
 * How a session begins: from which address, with which user agent (both shown in the list of one's sessions), by which
 * method ({@code password}, {@code sso}), and whether it may only enrol a second factor. Immutable.
 */
public record SessionStart(Optional<String> address, Optional<String> userAgent, String method, boolean enrolmentOnly) {

    public static final String PASSWORD = "password";
    public static final String SSO = "sso";

    public SessionStart {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(method, "method");
    }

    /** A full session signed in by {@code method}. */
    public static SessionStart of(String method, Optional<String> address, Optional<String> userAgent) {
        return new SessionStart(address, userAgent, method, false);
    }

    /** The same start, restricted to enrolling a second factor. */
    public SessionStart onlyToEnrol() {
        return new SessionStart(address, userAgent, method, true);
    }
}

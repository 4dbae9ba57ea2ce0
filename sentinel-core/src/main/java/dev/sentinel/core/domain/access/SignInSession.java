package dev.sentinel.core.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-in session of an account, as stored: the SHA-256 hash of the session secret the browser holds (never the
 * secret), a public id that names the session in lists (not a credential), when it began and was last seen, where from,
 * how it signed in ({@code password}, {@code sso}), and whether it may only enrol a second factor (an account that must
 * enrol signs in to a restricted session). Immutable.
 */
public record SignInSession(String id, String secretHash, AccountId account, Instant createdAt, Instant lastSeenAt,
                            Optional<String> address, Optional<String> userAgent, String method, boolean enrolmentOnly) {

    /** The public id: {@code ses_} and 16 base62 characters. */
    public static final String ID_PREFIX = "ses_";
    public static final int ID_RANDOM_LENGTH = 16;
    /** The longest user agent kept (longer ones are cut). */
    public static final int MAX_USER_AGENT = 200;

    public SignInSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(method, "method");
        address = Objects.requireNonNull(address, "address").map(SignInSession::cut);
        userAgent = Objects.requireNonNull(userAgent, "userAgent").map(SignInSession::cut);
    }

    private static String cut(String value) {
        return value.length() <= MAX_USER_AGENT ? value : value.substring(0, MAX_USER_AGENT);
    }

    public SignInSession seenAt(Instant at) {
        return new SignInSession(id, secretHash, account, createdAt, at, address, userAgent, method, enrolmentOnly);
    }

    /** The same session, no longer restricted to enrolment (the second factor is enrolled now). */
    public SignInSession unrestricted() {
        return new SignInSession(id, secretHash, account, createdAt, lastSeenAt, address, userAgent, method, false);
    }
}

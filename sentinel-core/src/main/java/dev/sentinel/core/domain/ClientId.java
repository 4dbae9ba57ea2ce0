package dev.sentinel.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** An agent user's OAuth {@code client_id}: {@code spc_} followed by 24 base62 characters (143 random bits). */
public record ClientId(String value) {

    public static final String FIELD = "client_id";
    public static final String PREFIX = "spc_";
    private static final Pattern FORMAT = Pattern.compile("spc_[0-9A-Za-z]{24}");

    public ClientId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must be 'spc_' followed by 24 letters or digits");
        }
    }

    /** Whether the text has the form of a client id; for callers that must not throw. */
    public static boolean isWellFormed(String raw) {
        return raw != null && FORMAT.matcher(raw).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

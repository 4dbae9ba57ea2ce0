package dev.sentinel.core.domain.federation;

import dev.sentinel.core.domain.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The identifier of a trust policy: {@code tp_} and 16 base62 characters. */
public record TrustPolicyId(String value) {

    public static final String PREFIX = "tp_";
    public static final int RANDOM_LENGTH = 16;
    public static final String FIELD = "id";
    private static final Pattern FORMAT = Pattern.compile("tp_[0-9A-Za-z]{16}");

    public TrustPolicyId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must be tp_ and 16 letters or digits");
        }
    }

    /** Whether {@code raw} has the form of a trust policy id. */
    public static boolean isWellFormed(String raw) {
        return raw != null && FORMAT.matcher(raw).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

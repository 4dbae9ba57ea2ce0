package dev.sentinel.core.domain.resource;

import dev.sentinel.core.domain.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The identifier of a registered resource: {@code rs_} and 16 base62 characters. */
public record ResourceId(String value) {

    public static final String PREFIX = "rs_";
    public static final int RANDOM_LENGTH = 16;
    public static final String FIELD = "id";
    private static final Pattern FORMAT = Pattern.compile("rs_[0-9A-Za-z]{16}");

    public ResourceId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must be rs_ and 16 letters or digits");
        }
    }

    /** Whether {@code raw} has the form of a resource id. */
    public static boolean isWellFormed(String raw) {
        return raw != null && FORMAT.matcher(raw).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

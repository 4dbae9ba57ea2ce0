package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The public identifier of an access key (never the key itself): {@code key_} and 16 base62 characters. */
public record AccessKeyId(String value) {

    public static final String PREFIX = "key_";
    public static final int RANDOM_LENGTH = 16;
    public static final String FIELD = "id";
    private static final Pattern FORMAT = Pattern.compile("key_[0-9A-Za-z]{16}");

    public AccessKeyId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must be key_ and 16 letters or digits");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

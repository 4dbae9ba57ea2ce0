package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The opaque, never reused identifier of an account: {@code acc_} and 20 base62 characters. */
public record AccountId(String value) {

    public static final String PREFIX = "acc_";
    public static final int RANDOM_LENGTH = 20;
    private static final Pattern FORMAT = Pattern.compile("acc_[0-9A-Za-z]{20}");

    public AccountId {
        Objects.requireNonNull(value, "account_id");
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of("account_id", "must be acc_ and 20 letters or digits");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

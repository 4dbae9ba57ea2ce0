package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address as a login: trimmed and lower-cased (so {@code Ada@Example.COM} and {@code ada@example.com} are one
 * login), at most 254 characters, one {@code @} with a local part of at most 64 characters and a domain with a dot.
 * Immutable.
 */
public record Email(String value) {

    public static final String FIELD = "email";
    private static final Pattern FORMAT = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public Email {
        Objects.requireNonNull(value, FIELD);
        if (value.length() > 254 || !FORMAT.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw ValidationException.of(FIELD, "must be an email address such as ada@example.com, lower case");
        }
    }

    /** Normalises raw input: trimmed, lower-cased; then checked. */
    public static Email of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "is required");
        }
        String normalised = raw.strip().toLowerCase(Locale.ROOT);
        if (normalised.length() > 254 || !FORMAT.matcher(normalised).matches()) {
            throw ValidationException.of(FIELD, "must be an email address such as ada@example.com");
        }
        return new Email(normalised);
    }

    /** The part before the {@code @}. */
    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}

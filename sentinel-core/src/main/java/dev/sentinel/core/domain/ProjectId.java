package dev.sentinel.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The project a pass belongs to: 1–64 characters, letters, digits, {@code -} and {@code _}, starting with a letter
 * or digit, so that it is safe in URLs and file names.
 */
public record ProjectId(String value) {

    public static final String FIELD = "project";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public ProjectId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD,
                    "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    public static ProjectId of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "is required");
        }
        return new ProjectId(raw.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.sentinel.core.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A human-readable pass identifier, {@code SP-<year>-<6 upper-case letters or digits>}, e.g. {@code SP-2026-A1B2C3}. */
public record PassId(String value) {

    public static final String FIELD = "pass_id";
    private static final Pattern FORMAT = Pattern.compile("SP-[0-9]{4}-[A-Z0-9]{6}");

    public PassId {
        Objects.requireNonNull(value, FIELD);
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD,
                    "must look like SP-<4-digit year>-<6 upper-case letters or digits>, for example SP-2026-A1B2C3");
        }
    }

    /** Parses user input; lower-case letters are accepted and upper-cased. */
    public static PassId of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "is required");
        }
        return new PassId(raw.strip().toUpperCase(Locale.ROOT));
    }

    public int year() {
        return Integer.parseInt(value.substring(3, 7));
    }

    @Override
    public String toString() {
        return value;
    }
}

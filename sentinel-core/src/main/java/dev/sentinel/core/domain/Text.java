package dev.sentinel.core.domain;

import java.util.Optional;

/** Checks for optional free-text fields: trimmed, bounded, no control characters other than newlines and tabs. */
public final class Text {

    private Text() {
    }

    /** Returns the trimmed text, or empty when null or blank; rejects text over {@code maxLength} characters. */
    public static Optional<String> optional(String field, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(required(field, raw, maxLength));
    }

    /** Returns the trimmed text; rejects null, blank, too long, or text with control characters. */
    public static String required(String field, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(field, "is required");
        }
        String value = raw.strip();
        if (value.length() > maxLength) {
            throw ValidationException.of(field, "must be at most " + maxLength + " characters (got " + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw ValidationException.of(field, "must not contain control characters");
            }
        }
        return value;
    }
}

package dev.sentinel.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** The agent's display name: letters, digits and spaces only, 1–100 characters, required. */
public record AgentName(String value) {

    public static final String FIELD = "agent_name";
    public static final int MAX_LENGTH = 100;
    private static final Pattern FORMAT = Pattern.compile("[\\p{L}\\p{Nd}]+( [\\p{L}\\p{Nd}]+)*");

    public AgentName {
        Objects.requireNonNull(value, FIELD);
        if (value.isEmpty()) {
            throw ValidationException.of(FIELD, "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must contain only letters, digits and single spaces between words");
        }
    }

    /** Trims the input and folds runs of spaces into one before checking it. */
    public static AgentName of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "is required");
        }
        return new AgentName(raw.strip().replaceAll(" {2,}", " "));
    }

    @Override
    public String toString() {
        return value;
    }
}

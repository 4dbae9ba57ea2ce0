package dev.sentinel.core.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The agent's type in lower_snake_case, for example {@code sourcing_agent}. {@link #of(String)} formats free input:
 * "Sourcing Agent", "sourcing-agent" and "SourcingAgent" all become {@code sourcing_agent}.
 */
public record AgentType(String value) {

    public static final String FIELD = "agent_type";
    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

    public AgentType {
        Objects.requireNonNull(value, FIELD);
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "must be lower_snake_case letters and digits, for example sourcing_agent");
        }
    }

    /** Formats free text to lower_snake_case; rejects input with nothing but separators or other characters. */
    public static AgentType of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of(FIELD, "is required");
        }
        String trimmed = raw.strip();
        if (!trimmed.matches("[A-Za-z0-9 _.-]+")) {
            throw ValidationException.of(FIELD, "must contain only letters, digits, spaces, '-', '_' or '.'");
        }
        String snake = trimmed
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            throw ValidationException.of(FIELD, "must contain at least one letter or digit");
        }
        return new AgentType(snake);
    }

    @Override
    public String toString() {
        return value;
    }
}

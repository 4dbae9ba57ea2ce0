package dev.sentinel.core.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Optional descriptive scopes of a pass (for example resource URLs an agent works with), separated by spaces or
 * commas. Each is an RFC 6749 scope token without commas; at most {@value #MAX_COUNT}, no duplicates. They are
 * documentation: the OAuth {@code scope} a token may carry is limited by {@link Permissions}.
 */
public record Scopes(List<String> values) {

    public static final String FIELD = "scopes";
    public static final int MAX_COUNT = 50;
    public static final int MAX_TOKEN_LENGTH = 200;
    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x5B\\x5D-\\x7E]+");

    public Scopes {
        Objects.requireNonNull(values, FIELD);
        values = List.copyOf(values);
        if (values.size() > MAX_COUNT) {
            throw ValidationException.of(FIELD, "must name at most " + MAX_COUNT + " scopes (got " + values.size() + ")");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            if (value.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(value).matches()) {
                throw ValidationException.of(FIELD, "each scope must be 1-" + MAX_TOKEN_LENGTH
                        + " visible ASCII characters without quotes, backslashes or commas");
            }
            if (!seen.add(value)) {
                throw ValidationException.of(FIELD, "names '" + value + "' more than once");
            }
        }
    }

    public static Scopes none() {
        return new Scopes(List.of());
    }

    /** Parses scopes separated by spaces and/or commas; null or blank means none. */
    public static Scopes parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return none();
        }
        List<String> parsed = new ArrayList<>();
        for (String part : raw.strip().split("[\\s,]+")) {
            if (!part.isEmpty()) {
                parsed.add(part);
            }
        }
        return new Scopes(parsed);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The stored form: scopes separated by single spaces (empty when none). */
    public String asString() {
        return String.join(" ", values);
    }

    @Override
    public String toString() {
        return asString();
    }
}

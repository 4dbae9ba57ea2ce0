package dev.sentinel.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The audiences a pass may ask tokens for: resource servers named by absolute URIs without a fragment, as RFC 8707
 * {@code resource} parameters name them. At most {@value #MAX_COUNT}, each at most {@value #MAX_LENGTH} characters,
 * no duplicates, in the order given. Empty means the server's default audience.
 */
public record Audiences(List<String> values) {

    public static final String FIELD = "allowed_audiences";
    public static final int MAX_COUNT = 20;
    public static final int MAX_LENGTH = 2000;

    public Audiences {
        Objects.requireNonNull(values, FIELD);
        values = List.copyOf(values);
        if (values.size() > MAX_COUNT) {
            throw ValidationException.of(FIELD, "must name at most " + MAX_COUNT + " audiences (got " + values.size() + ")");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            problem(value).ifPresent(rule -> {
                throw ValidationException.of(FIELD, "each audience " + rule);
            });
            if (!seen.add(value)) {
                throw ValidationException.of(FIELD, "names '" + value + "' more than once");
            }
        }
    }

    public static Audiences none() {
        return new Audiences(List.of());
    }

    /** Parses the stored form (audiences separated by single spaces; empty for none). */
    public static Audiences parse(String stored) {
        return stored == null || stored.isBlank() ? none() : new Audiences(List.of(stored.strip().split(" +")));
    }

    /**
     * What is wrong with {@code value} as an audience or RFC 8707 resource indicator: empty when it is an absolute URI
     * of at most {@value #MAX_LENGTH} characters, without a fragment or white space.
     */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.of("must be 1-" + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("must be an absolute URI of visible ASCII characters, without spaces");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                return Optional.of("must be an absolute URI (with a scheme, e.g. https://api.example.com)");
            }
            if (uri.getRawFragment() != null || value.contains("#")) {
                return Optional.of("must not have a fragment (RFC 8707)");
            }
            return Optional.empty();
        } catch (URISyntaxException malformed) {
            return Optional.of("must be an absolute URI (RFC 3986)");
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The stored form: audiences separated by single spaces (empty when none). */
    public String asString() {
        return String.join(" ", values);
    }

    @Override
    public String toString() {
        return asString();
    }
}

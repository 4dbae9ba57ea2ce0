package dev.sentinel.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One permission: lower-case segments separated by {@code :}, e.g. {@code read}, {@code read:data},
 * {@code admin:users}; a segment after the first may be {@code *}. Permissions double as OAuth scope tokens.
 */
public record Permission(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_.-]*(:([a-z0-9][a-z0-9_.-]*|\\*))*");

    public Permission {
        Objects.requireNonNull(value, "permission");
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw ValidationException.of(Permissions.FIELD, "'" + shorten(value) + "' is not a permission: use lower-case "
                    + "words separated by ':' (at most " + MAX_LENGTH + " characters), for example read, read:data, admin:users");
        }
    }

    /** The first segment: {@code read} for {@code read:data}. */
    public String action() {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** A descriptive label: {@code read:data} → "Read Data", {@code admin:users} → "Admin Users", {@code *} → "All". */
    public String label() {
        return Arrays.stream(value.split("[:_.-]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.equals("*") ? "All" : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    private static String shorten(String value) {
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH) + "…";
    }

    @Override
    public String toString() {
        return value;
    }
}

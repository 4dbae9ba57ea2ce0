package dev.sentinel.core.jose;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a JWT as read by {@link JoseJson}, with the typed readers every verifier shares. A reader that finds a
 * claim missing or of the wrong type throws {@link IllegalArgumentException} naming the claim.
 */
public record JwtClaims(Map<String, Object> members) {

    public JwtClaims {
        members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    /** A claim that must be a string. */
    public String text(String name) {
        if (!(members.get(name) instanceof String value)) {
            throw new IllegalArgumentException("the claim " + name + " is missing or not a string");
        }
        return value;
    }

    /** A claim that is a string when present; the empty string when absent. */
    public String optionalText(String name) {
        return members.containsKey(name) ? text(name) : "";
    }

    /** A claim that is a string; empty when absent or of another type. */
    public Optional<String> textIfString(String name) {
        return members.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /** A claim that must be an integer. */
    public long integer(String name) {
        if (!(members.get(name) instanceof Long value)) {
            throw new IllegalArgumentException("the claim " + name + " is missing or not an integer");
        }
        return value;
    }

    /** A NumericDate claim (whole seconds) when present. */
    public Optional<Instant> instant(String name) {
        Object value = members.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long seconds)) {
            throw new IllegalArgumentException("the claim " + name + " is not an integer NumericDate");
        }
        try {
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (DateTimeException outOfRange) {
            throw new IllegalArgumentException("the claim " + name + " is out of range");
        }
    }

    /** A NumericDate claim that must be present. */
    public Instant requiredInstant(String name) {
        return instant(name).orElseThrow(() -> new IllegalArgumentException("the claim " + name + " is missing"));
    }

    /** {@code aud}: a string, or a non-empty array of strings (RFC 7519 §4.1.3). */
    public List<String> audiences() {
        Object value = members.get("aud");
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> several && !several.isEmpty() && several.stream().allMatch(String.class::isInstance)) {
            return several.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("the claim aud is missing or not a string or non-empty array of strings");
    }

    /** The space-separated {@code scope} claim as a list, in order; empty when absent or empty. */
    public List<String> scopes() {
        String scope = optionalText("scope");
        return scope.isEmpty() ? List.of() : java.util.Arrays.stream(scope.split(" ")).filter(token -> !token.isEmpty())
                .toList();
    }
}

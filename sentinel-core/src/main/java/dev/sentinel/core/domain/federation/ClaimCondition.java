package dev.sentinel.core.domain.federation;

import dev.sentinel.core.domain.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One condition of a trust policy on a claim of the workload's token: the claim at {@code pointer} (an RFC 6901 JSON
 * Pointer into the claims, such as {@code /repository} or {@code /kubernetes.io/namespace}) must equal
 * {@code pattern}, where each {@code *} stands for any run of characters (possibly none) and every other character
 * stands for itself; the whole value must match (anchored). Values are compared code point by code point: no case
 * folding, no Unicode normalisation, so a look-alike character never matches. A string claim is compared as it is;
 * an integer or boolean claim by its JSON text ({@code 123}, {@code true}); arrays, objects, null and a missing claim
 * never match.
 */
public record ClaimCondition(String pointer, String pattern) {

    /** The longest pointer or pattern kept. */
    public static final int MAX_LENGTH = 500;

    public ClaimCondition {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(pattern, "pattern");
        Optional<String> problem = pointerProblem(pointer);
        if (problem.isPresent()) {
            throw ValidationException.of("conditions", "the key " + shown(pointer) + " " + problem.get());
        }
        if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            throw ValidationException.of("conditions." + pointer, "must be 1-" + MAX_LENGTH
                    + " characters: a value, or a glob where * stands for any characters");
        }
    }

    /** What is wrong with {@code pointer} as an RFC 6901 JSON Pointer naming a claim; empty when it is one. */
    public static Optional<String> pointerProblem(String pointer) {
        if (pointer.length() < 2 || pointer.length() > MAX_LENGTH || pointer.charAt(0) != '/') {
            return Optional.of("must be a JSON Pointer to a claim, such as /sub or /repository (RFC 6901)");
        }
        for (int i = 0; i < pointer.length(); i++) {
            char c = pointer.charAt(i);
            if (c == '~' && (i + 1 == pointer.length() || (pointer.charAt(i + 1) != '0'
                    && pointer.charAt(i + 1) != '1'))) {
                return Optional.of("has a ~ not followed by 0 or 1 (RFC 6901 escapes ~ as ~0 and / as ~1)");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("has a control character");
            }
        }
        return Optional.empty();
    }

    /** Whether the pattern has a {@code *}. */
    public boolean isGlob() {
        return pattern.indexOf('*') >= 0;
    }

    /** The pattern's text before its first {@code *} (all of it for an exact value). */
    public String literalPrefix() {
        int star = pattern.indexOf('*');
        return star < 0 ? pattern : pattern.substring(0, star);
    }

    /** The reference tokens of the pointer, unescaped ({@code /kubernetes.io/namespace} → two tokens). */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** The claim at the pointer, as compared: empty when missing or not a string, integer or boolean. */
    public Optional<String> valueIn(Map<String, ?> claims) {
        Object current = claims;
        for (String token : tokens()) {
            if (!(current instanceof Map<?, ?> object) || !object.containsKey(token)) {
                return Optional.empty();
            }
            current = object.get(token);
        }
        if (current instanceof String text) {
            return Optional.of(text);
        }
        if (current instanceof Boolean || current instanceof Long || current instanceof Integer
                || current instanceof java.math.BigInteger) {
            return Optional.of(current.toString());
        }
        return Optional.empty();
    }

    /** Whether the claims satisfy this condition. */
    public boolean matches(Map<String, ?> claims) {
        return valueIn(claims).map(this::matchesValue).orElse(false);
    }

    /** Whether {@code value} matches the pattern, anchored, code point by code point. */
    public boolean matchesValue(String value) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return value.equals(pattern);
        }
        if (!value.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        int last = parts.length - 1;
        for (int i = 1; i < last; i++) {
            int found = value.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        return value.length() - at >= parts[last].length() && value.endsWith(parts[last]);
    }

    private static String shown(String text) {
        return "\"" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "\"";
    }

    @Override
    public String toString() {
        return pointer + "=" + pattern;
    }
}

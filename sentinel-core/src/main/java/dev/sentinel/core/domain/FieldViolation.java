package dev.sentinel.core.domain;

import java.util.Objects;

/**
 * One broken rule on one input field.
 *
 * @param field the field's name as users spell it (snake_case, as in the HTTP API)
 * @param rule  what the value must be, in words
 */
public record FieldViolation(String field, String rule) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}

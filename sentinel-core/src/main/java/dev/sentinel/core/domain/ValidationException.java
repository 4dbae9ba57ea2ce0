package dev.sentinel.core.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input broke one or more rules; each violation names the field and the rule. Nothing was written. */
public final class ValidationException extends SentinelException {

    private final List<FieldViolation> violations;

    public ValidationException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String field, String rule) {
        return new ValidationException(List.of(new FieldViolation(field, rule)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

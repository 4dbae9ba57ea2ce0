package dev.sentinel.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects violations from several checks so that one reply can name every broken field at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Runs a check; on a validation failure remembers its violations and returns {@code null}. */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (ValidationException failure) {
            found.addAll(failure.violations());
            return null;
        }
    }

    public void add(String field, String rule) {
        found.add(new FieldViolation(field, rule));
    }

    /** The violations found so far, in the order found. */
    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}

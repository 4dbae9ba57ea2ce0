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

    /**
     * Adds {@code unreadable} (fields a transport could not read, such as a number where a string belongs) and then
     * those of {@code checked} that concern other fields: a field the transport could not read is absent from the
     * draft, and its "is required" would only repeat the first rule.
     */
    public void addUnreadableThen(List<FieldViolation> unreadable, Violations checked) {
        found.addAll(unreadable);
        java.util.Set<String> roots = new java.util.HashSet<>();
        unreadable.forEach(violation -> roots.add(root(violation.field())));
        checked.found.stream().filter(violation -> !roots.contains(root(violation.field()))).forEach(found::add);
    }

    /** {@code conditions} of {@code conditions./ref}, {@code scopes} of {@code scopes[1].name}. */
    private static String root(String field) {
        int end = field.length();
        for (char separator : new char[] {'.', '['}) {
            int at = field.indexOf(separator);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return field.substring(0, end);
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

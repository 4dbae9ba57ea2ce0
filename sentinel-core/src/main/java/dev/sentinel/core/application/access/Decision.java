package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link Authorization}: allowed; forbidden, naming the role needed (HTTP 403); or not found (HTTP 404:
 * a project or pass outside the caller's projects is answered as if it did not exist). Immutable.
 */
public record Decision(Outcome outcome, Optional<Role> roleNeeded) {

    /** The three answers. */
    public enum Outcome {
        ALLOWED, FORBIDDEN, NOT_FOUND
    }

    private static final Decision ALLOW = new Decision(Outcome.ALLOWED, Optional.empty());
    private static final Decision HIDDEN = new Decision(Outcome.NOT_FOUND, Optional.empty());

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(roleNeeded, "roleNeeded");
        if ((outcome == Outcome.FORBIDDEN) != roleNeeded.isPresent()) {
            throw new IllegalArgumentException("a forbidden decision, and only that, names the role needed");
        }
    }

    public static Decision allowed() {
        return ALLOW;
    }

    public static Decision forbidden(Role needed) {
        return new Decision(Outcome.FORBIDDEN, Optional.of(needed));
    }

    public static Decision notFound() {
        return HIDDEN;
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED;
    }
}

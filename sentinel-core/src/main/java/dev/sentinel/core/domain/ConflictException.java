package dev.sentinel.core.domain;

/** The request is well-formed but clashes with the current state (a taken pass id, toggling a revoked pass). */
public final class ConflictException extends SentinelException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field the conflict is about, or an empty string when it concerns the resource as a whole. */
    public String field() {
        return field;
    }
}

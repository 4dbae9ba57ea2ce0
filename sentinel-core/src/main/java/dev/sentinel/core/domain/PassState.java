package dev.sentinel.core.domain;

/**
 * A pass's lifecycle state. Only {@link #ACTIVE} authenticates. {@link #INACTIVE} comes from a toggle and a second
 * toggle undoes it; {@link #REVOKED} comes from a revoke and only an explicit activate undoes it.
 */
public enum PassState implements Coded {
    ACTIVE("active"),
    INACTIVE("inactive"),
    REVOKED("revoked");

    private final String code;

    PassState(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The status users see: {@code active} or {@code inactive} (a revoked pass is inactive). */
    public String status() {
        return this == ACTIVE ? "active" : "inactive";
    }

    public boolean isActive() {
        return this == ACTIVE;
    }
}

package dev.sentinel.core.domain;

import java.util.Optional;

/**
 * Why a pass may not be used at a moment, by the one rule that client authentication, introspection and the guard
 * share ({@link Pass#refusalAt}): revoked, deactivated, or outside its validity period.
 */
public enum PassRefusal implements Coded {
    REVOKED("pass_revoked", "the pass is revoked"),
    INACTIVE("pass_inactive", "the pass is deactivated"),
    NOT_YET_VALID("pass_not_yet_valid", "the pass is not yet valid"),
    EXPIRED("pass_expired", "the pass has expired");

    private final String code;
    private final String description;

    PassRefusal(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The refusal of a pass in {@code state} with {@code validity} at the moment in question; empty when usable. */
    static Optional<PassRefusal> of(PassState state, ValidityState validity) {
        return switch (state) {
            case REVOKED -> Optional.of(REVOKED);
            case INACTIVE -> Optional.of(INACTIVE);
            case ACTIVE -> validity == ValidityState.NOT_YET_VALID ? Optional.of(NOT_YET_VALID)
                    : validity == ValidityState.EXPIRED ? Optional.of(EXPIRED) : Optional.empty();
        };
    }

    @Override
    public String code() {
        return code;
    }

    /** A sentence for the activity record, e.g. "the pass is revoked". */
    public String description() {
        return description;
    }
}

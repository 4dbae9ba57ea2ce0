package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Principal;
import java.util.Locale;

/**
 * Which password accounts must enrol a second factor at their first sign-in ({@code serve --require-2fa}): owners and
 * project admins ({@link #ADMINS}, the default), everyone ({@link #ALL}) or nobody ({@link #NONE}). Accounts that sign
 * in through single sign-on rely on the provider's own factors.
 */
public enum TwoFactorRequirement {
    ADMINS, ALL, NONE;

    /** Whether the account acting as {@code principal} must hold a second factor. */
    public boolean requires(Principal principal) {
        return switch (this) {
            case ALL -> true;
            case NONE -> false;
            case ADMINS -> principal.isOwner() || principal.projectRoles().containsValue(Role.ADMIN);
        };
    }

    /** The lower-case name used on the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admins}, {@code all} or {@code none}. */
    public static TwoFactorRequirement parse(String value) {
        for (TwoFactorRequirement requirement : values()) {
            if (requirement.code().equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))) {
                return requirement;
            }
        }
        throw new IllegalArgumentException("must be admins, all or none (got '" + value + "')");
    }
}

package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.SentinelException;
import java.util.Objects;

/**
 * The caller may see the project (or the server) but its role does not allow the action; {@link #roleNeeded()} names
 * the role that would (HTTP answers 403 naming it). Nothing was changed.
 */
public final class AccessDeniedException extends SentinelException {

    private final Role roleNeeded;

    public AccessDeniedException(Role roleNeeded, String action) {
        super(action + " needs the role " + Objects.requireNonNull(roleNeeded, "roleNeeded").code());
        this.roleNeeded = roleNeeded;
    }

    public Role roleNeeded() {
        return roleNeeded;
    }
}

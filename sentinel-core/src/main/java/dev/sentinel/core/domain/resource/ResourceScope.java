package dev.sentinel.core.domain.resource;

import dev.sentinel.core.domain.access.Role;
import java.util.Objects;

/**
 * A scope a resource understands: its name (an RFC 6749 scope token), what granting it lets a client do, and the least
 * project role ({@link Role#VIEWER} or {@link Role#ADMIN}) a person needs to grant it. Immutable.
 */
public record ResourceScope(String name, String description, Role minRole) {

    public ResourceScope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(minRole, "minRole");
        if (!minRole.isMemberRole()) {
            throw new IllegalArgumentException("min_role must be viewer or admin, not " + minRole.code());
        }
    }

    /** Whether a person holding {@code role} in the resource's project (owners: {@link Role#OWNER}) may grant it. */
    public boolean grantableBy(Role role) {
        return role == Role.OWNER || role == Role.ADMIN || role == Role.VIEWER && minRole == Role.VIEWER;
    }
}

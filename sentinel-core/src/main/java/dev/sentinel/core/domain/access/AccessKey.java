package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.ProjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A key for automation, presented as {@code Authorization: Bearer <key>}: its name (as the audit trail names whoever
 * used it), its role, the projects it holds that role in (for admin, viewer and ingest; none for owner and metrics),
 * when it was made and by whom, when it expires (never when empty), when it was last used (to within a minute), and the
 * SHA-256 hash of the key — never the key. Immutable.
 */
public record AccessKey(AccessKeyId id, String name, Role role, Set<ProjectId> projects, String hash, Instant createdAt,
                        String createdBy, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt) {

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        TreeSet<ProjectId> sorted = new TreeSet<>(java.util.Comparator.comparing(ProjectId::value));
        sorted.addAll(projects);
        projects = java.util.Collections.unmodifiableSortedSet(sorted);
        if (role.isProjectScoped() == projects.isEmpty()) {
            throw new IllegalArgumentException(role.isProjectScoped() ? "a " + role.code() + " key needs projects"
                    : "a " + role.code() + " key holds no projects");
        }
    }

    /** Whether the key has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    public AccessKey withLastUsedAt(Instant at) {
        return new AccessKey(id, name, role, projects, hash, createdAt, createdBy, expiresAt, Optional.of(at));
    }

    @Override
    public String toString() {
        return "AccessKey[" + id + ", " + name + ", " + role.code() + ", projects=" + projects + "]";
    }
}

package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.out.AccessKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Access keys in {@code access_keys} (the hash, never the key) with their projects in {@code access_key_projects}. */
final class JdbiAccessKeysAdapter implements AccessKeys {

    private static final String SELECT = "SELECT key_id, name, role, key_hash, created_at, created_by, expires_at, "
            + "last_used_at FROM access_keys ";

    private final Handle handle;

    JdbiAccessKeysAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(AccessKey key) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO access_keys (key_id, name, role, key_hash, "
                        + "created_at, created_by, expires_at, last_used_at) VALUES (:id, :name, :role, :hash, :createdAt, "
                        + ":createdBy, :expiresAt, :lastUsedAt)")
                .bind("id", key.id().value()).bind("name", key.name()).bind("role", key.role().code())
                .bind("hash", key.hash()).bind("createdAt", Sql.utc(key.createdAt())).bind("createdBy", key.createdBy())
                .bind("expiresAt", Sql.utc(key.expiresAt())).bind("lastUsedAt", Sql.utc(key.lastUsedAt())).execute(),
                "id", "access key " + key.id() + " exists");
        for (ProjectId project : key.projects()) {
            handle.createUpdate("INSERT INTO access_key_projects (key_id, project) VALUES (:id, :project)")
                    .bind("id", key.id().value()).bind("project", project.value()).execute();
        }
    }

    @Override
    public Optional<AccessKey> find(AccessKeyId id) {
        return read("WHERE key_id = :value", id.value()).stream().findFirst();
    }

    @Override
    public Optional<AccessKey> findByHash(String hash) {
        return read("WHERE key_hash = :value", hash).stream().findFirst();
    }

    @Override
    public List<AccessKey> list() {
        return read("", null);
    }

    @Override
    public boolean delete(AccessKeyId id) {
        return handle.createUpdate("DELETE FROM access_keys WHERE key_id = :id").bind("id", id.value()).execute() > 0;
    }

    @Override
    public void touch(Map<AccessKeyId, Instant> lastUsed) {
        lastUsed.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(AccessKeyId::value)))
                .forEach(use -> handle.createUpdate("UPDATE access_keys SET last_used_at = :at WHERE key_id = :id "
                                + "AND (last_used_at IS NULL OR last_used_at < :at)")
                        .bind("id", use.getKey().value()).bind("at", Sql.utc(use.getValue())).execute());
    }

    private List<AccessKey> read(String where, String value) {
        var query = handle.createQuery(SELECT + where + " ORDER BY created_at, key_id");
        if (value != null) {
            query.bind("value", value);
        }
        List<Row> rows = query.map((row, context) -> Row.of(row)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<ProjectId>> projects = new HashMap<>();
        var scopes = handle.createQuery("SELECT key_id, project FROM access_key_projects"
                + (value == null ? "" : " WHERE key_id = :id"));
        if (value != null) {
            scopes.bind("id", rows.get(0).id());
        }
        scopes.map((row, context) -> Map.entry(row.getString("key_id"), row.getString("project"))).list()
                .forEach(scope -> projects.computeIfAbsent(scope.getKey(), id -> new java.util.HashSet<>())
                        .add(new ProjectId(scope.getValue())));
        List<AccessKey> keys = new ArrayList<>();
        for (Row row : rows) {
            Set<ProjectId> scope = projects.getOrDefault(row.id(), Set.of());
            if (row.role().isProjectScoped() && scope.isEmpty()) {
                continue; // its only project was deleted (the use case revokes such keys with the project)
            }
            keys.add(new AccessKey(new AccessKeyId(row.id()), row.name(), row.role(), scope, row.hash(), row.createdAt(),
                    row.createdBy(), row.expiresAt(), row.lastUsedAt()));
        }
        return keys;
    }

    private record Row(String id, String name, Role role, String hash, Instant createdAt, String createdBy,
                       Optional<Instant> expiresAt, Optional<Instant> lastUsedAt) {

        static Row of(ResultSet row) throws SQLException {
            return new Row(row.getString("key_id"), row.getString("name"), Role.parse("role", row.getString("role")),
                    row.getString("key_hash"), Sql.instant(row, "created_at"), row.getString("created_by"),
                    Sql.optionalInstant(row, "expires_at"), Sql.optionalInstant(row, "last_used_at"));
        }
    }
}

package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.domain.resource.ResourceScope;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.port.out.Resources;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Registered resources in {@code resources}, their scopes as one JSON object {@code {"scopes": [...]}}. */
final class JdbiResourcesAdapter implements Resources {

    private static final String SELECT = "SELECT resource_id, project, identifier, name, scopes, created_at "
            + "FROM resources ";

    private final Handle handle;

    JdbiResourcesAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(RegisteredResource resource) {
        requireFree(resource);
        Sql.insertOrConflict(() -> bind(handle.createUpdate("INSERT INTO resources (resource_id, project, identifier, "
                        + "name, scopes, created_at) VALUES (:id, :project, :identifier, :name, :scopes, :createdAt)"),
                        resource).execute(),
                "resource", "is registered already, or its id is taken: " + resource.identifier());
    }

    @Override
    public Optional<RegisteredResource> find(ResourceId id) {
        return handle.createQuery(SELECT + "WHERE resource_id = :id").bind("id", id.value())
                .map((row, context) -> resource(row)).findOne();
    }

    @Override
    public Optional<RegisteredResource> findByIdentifier(String identifier) {
        return handle.createQuery(SELECT + "WHERE identifier = :identifier").bind("identifier", identifier)
                .map((row, context) -> resource(row)).findOne();
    }

    @Override
    public List<RegisteredResource> listByProject(ProjectId project) {
        return handle.createQuery(SELECT + "WHERE project = :project ORDER BY created_at, resource_id")
                .bind("project", project.value()).map((row, context) -> resource(row)).list();
    }

    @Override
    public boolean replace(RegisteredResource resource) {
        requireFree(resource);
        int[] changed = new int[1];
        Sql.insertOrConflict(() -> changed[0] = bind(handle.createUpdate("UPDATE resources SET identifier = "
                        + ":identifier, name = :name, scopes = :scopes WHERE resource_id = :id AND project = :project "
                        + "AND created_at = :createdAt"), resource).execute(),
                "resource", "is registered already: " + resource.identifier());
        return changed[0] > 0;
    }

    @Override
    public boolean delete(ResourceId id) {
        return handle.createUpdate("DELETE FROM resources WHERE resource_id = :id").bind("id", id.value())
                .execute() > 0;
    }

    /** A clear conflict before the insert; the unique constraint still decides between two racing transactions. */
    private void requireFree(RegisteredResource resource) {
        findByIdentifier(resource.identifier()).filter(other -> !other.id().equals(resource.id())).ifPresent(other -> {
            throw new ConflictException("resource", "is registered already: " + resource.identifier());
        });
    }

    private static Update bind(Update update, RegisteredResource resource) {
        List<Map<String, String>> scopes = new ArrayList<>();
        for (ResourceScope scope : resource.scopes()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", scope.name());
            fields.put("description", scope.description());
            fields.put("min_role", scope.minRole().code());
            scopes.add(fields);
        }
        return update.bind("id", resource.id().value()).bind("project", resource.project().value())
                .bind("identifier", resource.identifier()).bind("name", resource.name())
                .bind("scopes", new String(JoseJson.write(Map.of("scopes", scopes)), StandardCharsets.UTF_8))
                .bind("createdAt", Sql.utc(resource.createdAt()));
    }

    private static RegisteredResource resource(ResultSet row) throws SQLException {
        List<ResourceScope> scopes = new ArrayList<>();
        Object stored = JoseJson.readData(row.getString("scopes")).get("scopes");
        if (stored instanceof List<?> items) {
            for (Object item : items) {
                Map<?, ?> fields = (Map<?, ?>) item;
                scopes.add(new ResourceScope(String.valueOf(fields.get("name")),
                        String.valueOf(fields.get("description")),
                        Role.parse("min_role", String.valueOf(fields.get("min_role")), Role.VIEWER, Role.ADMIN)));
            }
        }
        return new RegisteredResource(new ResourceId(row.getString("resource_id")),
                new ProjectId(row.getString("project")), row.getString("identifier"), row.getString("name"), scopes,
                Sql.instant(row, "created_at"));
    }
}

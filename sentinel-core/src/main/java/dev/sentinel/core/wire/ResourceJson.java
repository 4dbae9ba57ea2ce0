package dev.sentinel.core.wire;

import dev.sentinel.core.domain.resource.RegisteredResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A registered resource as {@code GET /api/v1/resources/{id}} and {@code sentinel resource … --json} show it. */
public final class ResourceJson {

    private ResourceJson() {
    }

    /** {@code id}, {@code project}, {@code resource}, {@code name}, {@code scopes} and {@code created_at}. */
    public static Map<String, Object> resource(RegisteredResource resource) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", resource.id().value());
        json.put("project", resource.project().value());
        json.put("resource", resource.identifier());
        json.put("name", resource.name());
        json.put("scopes", resource.scopes().stream().map(scope -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", scope.name());
            fields.put("description", scope.description());
            fields.put("min_role", scope.minRole().code());
            return fields;
        }).toList());
        json.put("created_at", Timestamps.format(resource.createdAt()));
        return json;
    }
}

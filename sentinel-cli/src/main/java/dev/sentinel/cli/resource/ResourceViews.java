package dev.sentinel.cli.resource;

import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceScope;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A resource as the management API shows it (snake_case fields), and in one cell for people. */
final class ResourceViews {

    private ResourceViews() {
    }

    static Map<String, Object> json(RegisteredResource resource) {
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

    /** {@code tools:read tools:run(admin)}: each scope, with its least role when that is admin. */
    static String scopes(RegisteredResource resource) {
        return resource.scopes().stream().map(ResourceViews::scope).collect(Collectors.joining(" "));
    }

    private static String scope(ResourceScope scope) {
        return scope.minRole() == dev.sentinel.core.domain.access.Role.VIEWER ? scope.name()
                : scope.name() + "(" + scope.minRole().code() + ")";
    }
}

package dev.sentinel.cli.resource;

import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceScope;
import java.util.stream.Collectors;

/** A resource's scopes in one cell for people (the JSON is {@link dev.sentinel.core.wire.ResourceJson}). */
final class ResourceViews {

    private ResourceViews() {
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

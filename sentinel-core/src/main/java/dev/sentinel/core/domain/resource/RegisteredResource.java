package dev.sentinel.core.domain.resource;

import dev.sentinel.core.domain.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource server (an MCP server, an API) of a project that the project's passes and people may ask tokens for:
 * {@code identifier} is its RFC 8707 resource indicator (its URL), the {@code aud} of those tokens. One identifier
 * belongs to one project. The rules a new resource must keep are checked when it is made; this value only holds them.
 * Immutable.
 */
public record RegisteredResource(ResourceId id, ProjectId project, String identifier, String name,
                                 List<ResourceScope> scopes, Instant createdAt) {

    public RegisteredResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The scope of that name, when the resource understands it. */
    public Optional<ResourceScope> scope(String scopeName) {
        return scopes.stream().filter(scope -> scope.name().equals(scopeName)).findFirst();
    }
}

package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import java.util.List;
import java.util.Optional;

/** The projects' registered resources (RFC 8707 resource indicators). Used inside a {@link StorageSession}. */
public interface Resources {

    /**
     * Adds a resource; a taken id, or an identifier some project registered already, is a
     * {@link dev.sentinel.core.domain.ConflictException}.
     */
    void add(RegisteredResource resource);

    Optional<RegisteredResource> find(ResourceId id);

    /** The resource registered under exactly this identifier, in whichever project: the lookup of token requests. */
    Optional<RegisteredResource> findByIdentifier(String identifier);

    /** The project's resources, oldest first. */
    List<RegisteredResource> listByProject(ProjectId project);

    /**
     * Replaces the stored resource of the same id; false when there is none. An identifier another resource holds is
     * a {@link dev.sentinel.core.domain.ConflictException}.
     */
    boolean replace(RegisteredResource resource);

    /** Deletes the resource; false when there was none. */
    boolean delete(ResourceId id);
}

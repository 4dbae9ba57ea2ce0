package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.port.out.Resources;
import java.util.List;
import java.util.Optional;

final class InMemoryResources implements Resources {

    private final InMemoryState state;

    InMemoryResources(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(RegisteredResource resource) {
        if (state.resources.containsKey(resource.id())) {
            throw new ConflictException("id", "resource " + resource.id() + " exists");
        }
        requireFree(resource);
        state.resources.put(resource.id(), resource);
    }

    @Override
    public Optional<RegisteredResource> find(ResourceId id) {
        return Optional.ofNullable(state.resources.get(id));
    }

    @Override
    public Optional<RegisteredResource> findByIdentifier(String identifier) {
        return state.resources.values().stream().filter(resource -> resource.identifier().equals(identifier))
                .findFirst();
    }

    @Override
    public List<RegisteredResource> listByProject(ProjectId project) {
        return state.resources.values().stream().filter(resource -> resource.project().equals(project)).toList();
    }

    @Override
    public boolean replace(RegisteredResource resource) {
        if (!state.resources.containsKey(resource.id())) {
            return false;
        }
        requireFree(resource);
        state.resources.put(resource.id(), resource);
        return true;
    }

    @Override
    public boolean delete(ResourceId id) {
        return state.resources.remove(id) != null;
    }

    private void requireFree(RegisteredResource resource) {
        findByIdentifier(resource.identifier()).filter(other -> !other.id().equals(resource.id())).ifPresent(other -> {
            throw new ConflictException("resource", "is registered already: " + resource.identifier());
        });
    }
}

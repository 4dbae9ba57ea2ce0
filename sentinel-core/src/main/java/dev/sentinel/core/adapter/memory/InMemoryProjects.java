package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.out.Projects;
import java.util.List;
import java.util.Optional;

final class InMemoryProjects implements Projects {

    private final InMemoryState state;

    InMemoryProjects(InMemoryState state) {
        this.state = state;
    }

    @Override
    public boolean addIfAbsent(Project project) {
        return state.projects.putIfAbsent(project.name(), project) == null;
    }

    @Override
    public Optional<Project> find(ProjectId name) {
        return Optional.ofNullable(state.projects.get(name));
    }

    @Override
    public Optional<Project> findForUpdate(ProjectId name) {
        return find(name);
    }

    @Override
    public List<Project> list() {
        return List.copyOf(state.projects.values());
    }

    @Override
    public boolean delete(ProjectId name) {
        state.memberships.values().removeIf(membership -> membership.project().equals(name));
        state.resources.values().removeIf(resource -> resource.project().equals(name));
        // as the database's cascade: the project leaves every key's scope (the use case revokes keys it was the only
        // project of first)
        state.accessKeys.values().removeIf(key -> key.projects().equals(java.util.Set.of(name)));
        state.accessKeys.replaceAll((id, key) -> !key.projects().contains(name) ? key
                : new dev.sentinel.core.domain.access.AccessKey(key.id(), key.name(), key.role(),
                        key.projects().stream().filter(project -> !project.equals(name)).collect(
                                java.util.stream.Collectors.toSet()), key.hash(), key.createdAt(), key.createdBy(),
                        key.expiresAt(), key.lastUsedAt()));
        return state.projects.remove(name) != null;
    }
}

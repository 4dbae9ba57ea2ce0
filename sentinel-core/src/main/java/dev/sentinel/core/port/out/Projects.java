package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import java.util.List;
import java.util.Optional;

/** The project records. Used inside a {@link StorageSession}. */
public interface Projects {

    /** Adds a project; a taken name is a {@link ConflictException} on {@code name}. Every store shares this rule. */
    default void add(Project project) {
        if (!addIfAbsent(project)) {
            throw new ConflictException("name", "a project named " + project.name() + " exists");
        }
    }

    /** Adds the project unless one of that name exists (then changes nothing); true when it was added. */
    boolean addIfAbsent(Project project);

    Optional<Project> find(ProjectId name);

    /** Finds and locks the project until the transaction ends, so a delete and a pass create cannot cross. */
    Optional<Project> findForUpdate(ProjectId name);

    /** Every project, by name (code point order). */
    List<Project> list();

    /**
     * Deletes the project with its memberships; false when there was none. The caller checks that it holds no passes
     * (stores may refuse otherwise).
     */
    boolean delete(ProjectId name);
}

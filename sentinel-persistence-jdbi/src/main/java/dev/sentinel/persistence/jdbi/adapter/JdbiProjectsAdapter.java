package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.out.Projects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The project records in {@code projects}; deleting one cascades to its memberships and access-key scopes. */
final class JdbiProjectsAdapter implements Projects {

    private static final String SELECT = "SELECT name, display_name, created_at FROM projects ";

    private final Handle handle;
    private final Dialect dialect;

    JdbiProjectsAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public boolean addIfAbsent(Project project) {
        return insertIfAbsent(handle, dialect, project);
    }

    /** Inserts the project unless one of that name exists; true when it did. Shared with the pass store's add. */
    static boolean insertIfAbsent(Handle handle, Dialect dialect, Project project) {
        if (dialect == Dialect.POSTGRES) {
            return handle.createUpdate("INSERT INTO projects (name, display_name, created_at) VALUES (:name, :shown, :at) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("name", project.name().value()).bind("shown", project.displayName().orElse(null))
                    .bind("at", Sql.utc(project.createdAt())).execute() > 0;
        }
        try {
            return handle.createUpdate("INSERT INTO projects (name, display_name, created_at) SELECT :name, :shown, :at "
                            + "WHERE NOT EXISTS (SELECT 1 FROM projects WHERE name = :name)")
                    .bind("name", project.name().value()).bind("shown", project.displayName().orElse(null))
                    .bind("at", Sql.utc(project.createdAt())).execute() > 0;
        } catch (RuntimeException failure) {
            if (Sql.isUniqueViolation(failure)) {
                return false; // another transaction added it between the check and the insert
            }
            throw failure;
        }
    }

    @Override
    public Optional<Project> find(ProjectId name) {
        return handle.createQuery(SELECT + "WHERE name = :name").bind("name", name.value())
                .map(JdbiProjectsAdapter::map).findOne();
    }

    @Override
    public Optional<Project> findForUpdate(ProjectId name) {
        return handle.createQuery(SELECT + "WHERE name = :name FOR UPDATE").bind("name", name.value())
                .map(JdbiProjectsAdapter::map).findOne();
    }

    @Override
    public List<Project> list() {
        // code point order, as Passes.projects(): the database's collation may differ, so sort here
        return handle.createQuery(SELECT).map(JdbiProjectsAdapter::map).list().stream()
                .sorted(java.util.Comparator.comparing(project -> project.name().value())).toList();
    }

    @Override
    public boolean delete(ProjectId name) {
        return handle.createUpdate("DELETE FROM projects WHERE name = :name").bind("name", name.value()).execute() > 0;
    }

    private static Project map(ResultSet row, StatementContext context) throws SQLException {
        return new Project(new ProjectId(row.getString("name")), Sql.optionalString(row, "display_name"),
                Sql.instant(row, "created_at"));
    }
}

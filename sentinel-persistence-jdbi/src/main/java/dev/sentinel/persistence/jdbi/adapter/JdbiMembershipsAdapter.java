package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.out.Memberships;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Memberships in {@code memberships}, one row per project and account. */
final class JdbiMembershipsAdapter implements Memberships {

    private static final String SELECT = "SELECT project, account_id, role, since FROM memberships ";

    private final Handle handle;

    JdbiMembershipsAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void put(Membership membership) {
        int changed = handle.createUpdate("UPDATE memberships SET role = :role WHERE project = :project "
                        + "AND account_id = :account")
                .bind("role", membership.role().code()).bind("project", membership.project().value())
                .bind("account", membership.account().value()).execute();
        if (changed == 0) {
            handle.createUpdate("INSERT INTO memberships (project, account_id, role, since) "
                            + "VALUES (:project, :account, :role, :since)")
                    .bind("role", membership.role().code()).bind("project", membership.project().value())
                    .bind("account", membership.account().value()).bind("since", Sql.utc(membership.since())).execute();
        }
    }

    @Override
    public boolean remove(ProjectId project, AccountId account) {
        return handle.createUpdate("DELETE FROM memberships WHERE project = :project AND account_id = :account")
                .bind("project", project.value()).bind("account", account.value()).execute() > 0;
    }

    @Override
    public Optional<Membership> find(ProjectId project, AccountId account) {
        return handle.createQuery(SELECT + "WHERE project = :project AND account_id = :account")
                .bind("project", project.value()).bind("account", account.value())
                .map(JdbiMembershipsAdapter::map).findOne();
    }

    @Override
    public List<Membership> listByProject(ProjectId project) {
        return handle.createQuery(SELECT + "WHERE project = :project ORDER BY since, account_id")
                .bind("project", project.value()).map(JdbiMembershipsAdapter::map).list();
    }

    @Override
    public List<Membership> listByAccount(AccountId account) {
        return handle.createQuery(SELECT + "WHERE account_id = :account").bind("account", account.value())
                .map(JdbiMembershipsAdapter::map).list().stream()
                .sorted(java.util.Comparator.comparing(membership -> membership.project().value())).toList();
    }

    private static Membership map(ResultSet row, StatementContext context) throws SQLException {
        return new Membership(new ProjectId(row.getString("project")), new AccountId(row.getString("account_id")),
                Role.parse("role", row.getString("role")), Sql.instant(row, "since"));
    }
}

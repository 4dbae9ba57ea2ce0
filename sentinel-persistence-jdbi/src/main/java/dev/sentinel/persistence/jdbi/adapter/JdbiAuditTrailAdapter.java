package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.port.out.AuditTrail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit trail in {@code audit_entries}, ordered by insertion; it has no link to passes, so it outlives them. */
final class JdbiAuditTrailAdapter implements AuditTrail {

    private static final String SELECT = "SELECT recorded_at, actor, action, pass_id, detail FROM audit_entries ";

    private final Handle handle;

    JdbiAuditTrailAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void record(AuditEntry entry) {
        handle.createUpdate("INSERT INTO audit_entries (recorded_at, actor, action, pass_id, detail) "
                        + "VALUES (:at, :actor, :action, :passId, :detail)")
                .bind("at", Sql.utc(entry.at()))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("passId", entry.passId().orElse(null))
                .bind("detail", entry.detail())
                .execute();
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return handle.createQuery(SELECT + "ORDER BY id DESC LIMIT :limit")
                .bind("limit", Math.max(0, limit))
                .map(JdbiAuditTrailAdapter::map)
                .list();
    }

    @Override
    public List<AuditEntry> forPass(String passId) {
        return handle.createQuery(SELECT + "WHERE pass_id = :passId ORDER BY id")
                .bind("passId", passId)
                .map(JdbiAuditTrailAdapter::map)
                .list();
    }

    private static AuditEntry map(ResultSet row, StatementContext context) throws SQLException {
        return new AuditEntry(Sql.instant(row, "recorded_at"), row.getString("actor"), row.getString("action"),
                Sql.optionalString(row, "pass_id"), row.getString("detail"));
    }
}

package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.out.AuditTrail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The audit trail in {@code audit_entries}, in {@code chain_seq} order, with its head in the one row of
 * {@code audit_chain}: appends lock that row ({@code SELECT … FOR UPDATE}, on H2 as on PostgreSQL), so appends from
 * every node form one chain. It has no link to passes or projects, so it outlives them.
 */
final class JdbiAuditTrailAdapter implements AuditTrail {

    private static final String SELECT = "SELECT chain_seq, recorded_at, actor, action, project, pass_id, detail, mac "
            + "FROM audit_entries ";
    private static final String HEAD = "SELECT head_seq, head_mac, legacy_through, checkpoint_seq, checkpoint_mac, "
            + "checkpoint_at, checkpoint_signature FROM audit_chain WHERE id = 1";

    private final Handle handle;

    JdbiAuditTrailAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public AuditChainHead lockHead() {
        return handle.createQuery(HEAD + " FOR UPDATE").map(JdbiAuditTrailAdapter::mapHead).one();
    }

    @Override
    public AuditChainHead head() {
        return handle.createQuery(HEAD).map(JdbiAuditTrailAdapter::mapHead).one();
    }

    @Override
    public void insert(AuditRecord record) {
        AuditEntry entry = record.entry();
        handle.createUpdate("INSERT INTO audit_entries (chain_seq, recorded_at, actor, action, project, pass_id, detail, "
                        + "mac) VALUES (:seq, :at, :actor, :action, :project, :passId, :detail, :mac)")
                .bind("seq", record.sequence())
                .bind("at", Sql.utc(entry.at()))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("project", entry.project().orElse(null))
                .bind("passId", entry.passId().orElse(null))
                .bind("detail", entry.detail())
                .bind("mac", record.mac().orElse(null))
                .execute();
    }

    @Override
    public void moveHead(long sequence, Optional<String> mac) {
        handle.createUpdate("UPDATE audit_chain SET head_seq = :seq, head_mac = :mac WHERE id = 1")
                .bind("seq", sequence).bind("mac", mac.orElse(null)).execute();
    }

    @Override
    public void saveCheckpoint(AuditCheckpoint checkpoint) {
        handle.createUpdate("UPDATE audit_chain SET checkpoint_seq = :seq, checkpoint_mac = :mac, checkpoint_at = :at, "
                        + "checkpoint_signature = :signature WHERE id = 1")
                .bind("seq", checkpoint.sequence()).bind("mac", checkpoint.mac()).bind("at", Sql.utc(checkpoint.at()))
                .bind("signature", checkpoint.signature()).execute();
    }

    @Override
    public long deleteThrough(long sequence) {
        return handle.createUpdate("DELETE FROM audit_entries WHERE chain_seq <= :seq").bind("seq", sequence).execute();
    }

    @Override
    public Optional<Long> firstSequenceAtOrAfter(Instant at) {
        return handle.createQuery("SELECT MIN(chain_seq) FROM audit_entries WHERE recorded_at >= :at")
                .bind("at", Sql.utc(at)).mapTo(Long.class).findOne();
    }

    @Override
    public Optional<AuditRecord> at(long sequence) {
        return handle.createQuery(SELECT + "WHERE chain_seq = :seq").bind("seq", sequence)
                .map(JdbiAuditTrailAdapter::map).findOne();
    }

    @Override
    public List<AuditRecord> chain(long afterSequence, int limit) {
        return handle.createQuery(SELECT + "WHERE chain_seq > :after ORDER BY chain_seq LIMIT :limit")
                .bind("after", afterSequence).bind("limit", Math.max(0, limit))
                .map(JdbiAuditTrailAdapter::map).list();
    }

    @Override
    public Page<AuditRecord> find(AuditFilter filter, PageRequest page) {
        Where where = Where.of(filter);
        var query = handle.createQuery(SELECT + where.sql() + " ORDER BY chain_seq DESC LIMIT :limit OFFSET :offset")
                .bind("limit", page.perPage()).bind("offset", page.offset());
        List<AuditRecord> items = where.bind(query).map(JdbiAuditTrailAdapter::map).list();
        return new Page<>(items, page.page(), page.perPage(), count(filter));
    }

    @Override
    public long count(AuditFilter filter) {
        Where where = Where.of(filter);
        return where.bind(handle.createQuery("SELECT COUNT(*) FROM audit_entries " + where.sql()))
                .mapTo(Long.class).one();
    }

    @Override
    public List<AuditRecord> findAfter(AuditFilter filter, long afterSequence, int limit) {
        Where where = Where.of(filter).and("chain_seq > :after", "after", afterSequence);
        var query = handle.createQuery(SELECT + where.sql() + " ORDER BY chain_seq LIMIT :limit")
                .bind("limit", Math.max(0, limit));
        return where.bind(query).map(JdbiAuditTrailAdapter::map).list();
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return handle.createQuery(SELECT + "ORDER BY chain_seq DESC LIMIT :limit")
                .bind("limit", Math.max(0, limit))
                .map(JdbiAuditTrailAdapter::map).list().stream().map(AuditRecord::entry).toList();
    }

    @Override
    public List<AuditEntry> forPass(String passId) {
        return handle.createQuery(SELECT + "WHERE pass_id = :passId ORDER BY chain_seq")
                .bind("passId", passId)
                .map(JdbiAuditTrailAdapter::map).list().stream().map(AuditRecord::entry).toList();
    }

    /** The WHERE clause of a filter and its values. */
    private record Where(List<String> conditions, Map<String, Object> values) {

        static Where of(AuditFilter filter) {
            Where where = new Where(new ArrayList<>(), new LinkedHashMap<>());
            filter.actor().ifPresent(actor -> where.add("actor = :actor", "actor", actor));
            filter.action().ifPresent(action -> where.add("action = :action", "action", action));
            filter.project().ifPresent(project -> where.add("project = :project", "project", project));
            filter.passId().ifPresent(passId -> where.add("pass_id = :passId", "passId", passId));
            filter.start().ifPresent(start -> where.add("recorded_at >= :start", "start", Sql.utc(start)));
            filter.end().ifPresent(end -> where.add("recorded_at < :end", "end", Sql.utc(end)));
            filter.withinProjects().ifPresent(projects -> {
                if (projects.isEmpty()) {
                    where.conditions.add("1 = 0");
                    return;
                }
                List<String> names = new ArrayList<>();
                int i = 0;
                for (String project : projects.stream().sorted().toList()) {
                    names.add(":within" + i);
                    where.values.put("within" + i++, project);
                }
                where.conditions.add("project IN (" + String.join(", ", names) + ")");
            });
            return where;
        }

        Where and(String condition, String name, Object value) {
            add(condition, name, value);
            return this;
        }

        private void add(String condition, String name, Object value) {
            conditions.add(condition);
            values.put(name, value);
        }

        String sql() {
            return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        }

        <S extends SqlStatement<S>> S bind(S statement) {
            values.forEach((name, value) -> {
                if (value instanceof org.jdbi.v3.core.argument.Argument argument) {
                    statement.bind(name, argument);
                } else {
                    statement.bindByType(name, value, value.getClass());
                }
            });
            return statement;
        }
    }

    private static AuditChainHead mapHead(ResultSet row, StatementContext context) throws SQLException {
        long checkpointSeq = row.getLong("checkpoint_seq");
        Optional<AuditCheckpoint> checkpoint = row.wasNull() ? Optional.empty()
                : Optional.of(new AuditCheckpoint(checkpointSeq, row.getString("checkpoint_mac"),
                Sql.instant(row, "checkpoint_at"), row.getString("checkpoint_signature")));
        return new AuditChainHead(row.getLong("head_seq"), Sql.optionalString(row, "head_mac"),
                row.getLong("legacy_through"), checkpoint);
    }

    private static AuditRecord map(ResultSet row, StatementContext context) throws SQLException {
        AuditEntry entry = new AuditEntry(Sql.instant(row, "recorded_at"), row.getString("actor"), row.getString("action"),
                Sql.optionalString(row, "pass_id"), row.getString("detail"), Sql.optionalString(row, "project"));
        return new AuditRecord(row.getLong("chain_seq"), entry, Sql.optionalString(row, "mac"));
    }
}

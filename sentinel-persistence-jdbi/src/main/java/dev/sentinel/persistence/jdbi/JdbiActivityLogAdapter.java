package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.ActivityLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Activity events in {@code activity_events}, newest first by {@code started_at} and then by insertion order. Appends
 * use one JDBC batch per call.
 */
final class JdbiActivityLogAdapter implements ActivityLog {

    private static final String COLUMNS = "pass_id, event_type, started_at, endpoint, http_method, success, status_code, "
            + "duration_ms, client_ip, user_agent, error_message, metadata";
    private static final String INSERT = "INSERT INTO activity_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String NEWEST_FIRST = " ORDER BY started_at DESC, id DESC";
    private static final int STREAM_FETCH_SIZE = 500;

    private final Handle handle;

    JdbiActivityLogAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void append(List<ActivityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = handle.getConnection().prepareStatement(INSERT)) {
            for (ActivityEvent event : events) {
                bind(insert, event);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException failure) {
            throw new StorageException("cannot append activity: " + Redaction.rootMessage(failure), failure);
        }
    }

    @Override
    public Page<ActivityEvent> find(ActivityFilter filter, PageRequest page) {
        ActivityWhere where = new ActivityWhere(filter);
        List<ActivityEvent> items = where.bind(handle.createQuery("SELECT " + COLUMNS + " FROM activity_events"
                        + where.sql() + NEWEST_FIRST + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.perPage())
                .bind("offset", page.offset())
                .map(JdbiActivityLogAdapter::map)
                .list();
        return new Page<>(items, page.page(), page.perPage(), count(filter));
    }

    @Override
    public long count(ActivityFilter filter) {
        ActivityWhere where = new ActivityWhere(filter);
        return where.bind(handle.createQuery("SELECT COUNT(*) FROM activity_events" + where.sql()))
                .mapTo(Long.class)
                .one();
    }

    @Override
    public void forEach(ActivityFilter filter, int limit, Consumer<ActivityEvent> sink) {
        ActivityWhere where = new ActivityWhere(filter);
        where.bind(handle.createQuery("SELECT " + COLUMNS + " FROM activity_events" + where.sql() + NEWEST_FIRST
                        + " LIMIT :limit"))
                .bind("limit", Math.max(0, limit))
                .setFetchSize(STREAM_FETCH_SIZE)
                .map(JdbiActivityLogAdapter::map)
                .useStream(stream -> stream.forEach(sink));
    }

    @Override
    public Optional<Instant> lastUsed(PassId passId) {
        return handle.createQuery("SELECT MAX(started_at) FROM activity_events WHERE pass_id = :passId")
                .bind("passId", passId.value())
                .map((row, context) -> Optional.ofNullable(row.getObject(1, OffsetDateTime.class)))
                .one()
                .map(OffsetDateTime::toInstant);
    }

    @Override
    public long deleteByPass(PassId passId) {
        return handle.createUpdate("DELETE FROM activity_events WHERE pass_id = :passId")
                .bind("passId", passId.value())
                .execute();
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return handle.createUpdate("DELETE FROM activity_events WHERE started_at < :cutoff")
                .bind("cutoff", Sql.utc(cutoff))
                .execute();
    }

    private static void bind(PreparedStatement insert, ActivityEvent event) throws SQLException {
        insert.setString(1, event.passId().value());
        insert.setString(2, event.type().code());
        Sql.setUtc(insert, 3, event.startedAt());
        insert.setString(4, event.endpoint());
        insert.setString(5, event.httpMethod());
        insert.setBoolean(6, event.success());
        insert.setInt(7, event.statusCode());
        insert.setLong(8, event.durationMs());
        setOptional(insert, 9, event.clientIp());
        setOptional(insert, 10, event.userAgent());
        setOptional(insert, 11, event.errorMessage());
        insert.setString(12, event.metadataJson());
    }

    private static void setOptional(PreparedStatement insert, int position, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            insert.setString(position, value.get());
        } else {
            insert.setNull(position, Types.VARCHAR);
        }
    }

    private static ActivityEvent map(ResultSet row, StatementContext context) throws SQLException {
        return new ActivityEvent(new PassId(row.getString("pass_id")), ActivityType.parse(row.getString("event_type")),
                Sql.instant(row, "started_at"), row.getString("endpoint"), row.getString("http_method"),
                row.getBoolean("success"), row.getInt("status_code"), row.getLong("duration_ms"),
                Sql.optionalString(row, "client_ip"), Sql.optionalString(row, "user_agent"),
                Sql.optionalString(row, "error_message"), row.getString("metadata"));
    }
}

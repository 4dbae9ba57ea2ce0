package dev.sentinel.persistence.jdbi.migration;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.persistence.jdbi.adapter.ActivityBlocks;
import dev.sentinel.persistence.jdbi.adapter.Dialect;
import dev.sentinel.persistence.jdbi.adapter.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 4: moves the events of {@code activity_events} (version 2) into {@code activity_blocks} and
 * {@code activity_counts} (version 3), in append order, then drops the old table and its indexes. Java, because the
 * block format is written by {@link ActivityBlocks}; registered with Flyway by {@link Migrations}.
 */
final class V4__Move_activity_events_into_blocks extends BaseJavaMigration {

    private static final int CHUNK = 10_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Dialect dialect = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? Dialect.POSTGRES : Dialect.H2;
        long after = Long.MIN_VALUE;
        while (true) {
            List<ActivityEvent> events = new ArrayList<>(CHUNK);
            try (PreparedStatement read = connection.prepareStatement("SELECT id, pass_id, event_type, started_at, endpoint, "
                    + "http_method, success, status_code, duration_ms, client_ip, user_agent, error_message, metadata "
                    + "FROM activity_events WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
                read.setLong(1, after);
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        after = row.getLong("id");
                        events.add(new ActivityEvent(new PassId(row.getString("pass_id")),
                                ActivityType.parse(row.getString("event_type")), Sql.instant(row, "started_at"),
                                row.getString("endpoint"), row.getString("http_method"), row.getBoolean("success"),
                                row.getInt("status_code"), row.getLong("duration_ms"), Sql.optionalString(row, "client_ip"),
                                Sql.optionalString(row, "user_agent"), Sql.optionalString(row, "error_message"),
                                row.getString("metadata")));
                    }
                }
            }
            if (events.isEmpty()) {
                break;
            }
            ActivityBlocks.append(connection, dialect, events);
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE activity_events");
        }
    }
}

package dev.sentinel.persistence.jdbi.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6: moves the deny-list entries that versions up to 5 kept in {@code settings}
 * ({@code revoked_jti:<jti>} → the token's expiry, ISO-8601) into {@code revoked_tokens}, then deletes them. An entry
 * whose expiry cannot be read is kept revoked until a day from now rather than dropped. Java, because the expiry is
 * text to parse the same way on H2 and PostgreSQL.
 */
final class V6__Move_revoked_tokens_out_of_settings extends BaseJavaMigration {

    private static final String PREFIX = "revoked_jti:";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Instant fallback = Instant.now().plusSeconds(86_400);
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT name, setting_value FROM settings WHERE name LIKE 'revoked!_jti:%' "
                     + "ESCAPE '!'");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?)")) {
            while (row.next()) {
                insert.setString(1, row.getString("name").substring(PREFIX.length()));
                insert.setObject(2, OffsetDateTime.ofInstant(expiry(row.getString("setting_value"), fallback), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement delete = connection.createStatement()) {
            delete.execute("DELETE FROM settings WHERE name LIKE 'revoked!_jti:%' ESCAPE '!'");
        }
    }

    private static Instant expiry(String text, Instant fallback) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return fallback;
        }
    }
}

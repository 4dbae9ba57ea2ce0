package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ConflictException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;

/** Small JDBC helpers shared by the adapters: UTC timestamps and unique-key violations. */
public final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** An instant bound as a {@code TIMESTAMP WITH TIME ZONE} at UTC. */
    static Argument utc(Instant instant) {
        OffsetDateTime value = instant.atOffset(ZoneOffset.UTC);
        return (position, statement, context) -> statement.setObject(position, value);
    }

    static Argument utc(Optional<Instant> instant) {
        return instant.map(Sql::utc).orElse((position, statement, context) ->
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    static void setUtc(PreparedStatement statement, int position, Instant instant) throws SQLException {
        statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    public static Optional<String> optionalString(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static boolean isUniqueViolation(Throwable failure) {
        return anySqlCause(failure, sql -> UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }

    /** Whether an {@link SQLException} in the cause chain matches. */
    private static boolean anySqlCause(Throwable failure, java.util.function.Predicate<SQLException> matches) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && matches.test(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether the database gave up on the transaction so that running it again may succeed: a deadlock victim or a
     * serialization failure (SQLState 40001 on H2 and PostgreSQL, 40P01 for PostgreSQL's deadlocks).
     */
    public static boolean isRetryable(Throwable failure) {
        return anySqlCause(failure, sql -> "40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()));
    }

    /** Whether H2 reports that its database was closed under the connection (90098, 90121) or the link broke (90067). */
    public static boolean isDatabaseClosed(Throwable failure) {
        return anySqlCause(failure, sql -> sql.getErrorCode() == 90098 || sql.getErrorCode() == 90121
                || sql.getErrorCode() == 90067);
    }

    /** Whether a unique violation names the given constraint (H2 upper-cases names, PostgreSQL does not). */
    static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    /** Runs an insert, turning a unique-key violation into a {@link ConflictException} on {@code field}. */
    static void insertOrConflict(Runnable insert, String field, String message) {
        try {
            insert.run();
        } catch (RuntimeException failure) {
            if (isUniqueViolation(failure)) {
                throw new ConflictException(field, message);
            }
            throw failure;
        }
    }
}

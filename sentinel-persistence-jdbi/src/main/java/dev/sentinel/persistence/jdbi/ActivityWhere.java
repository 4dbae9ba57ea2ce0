package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.activity.ActivityFilter;
import java.util.Locale;
import org.jdbi.v3.core.statement.SqlStatement;

/** The SQL condition and bindings of an {@link ActivityFilter}. */
final class ActivityWhere {

    private static final char ESCAPE = '!';

    private final ActivityFilter filter;

    ActivityWhere(ActivityFilter filter) {
        this.filter = filter;
    }

    /** {@code WHERE …} over {@code activity_events}, with named parameters. */
    String sql() {
        StringBuilder where = new StringBuilder(" WHERE pass_id = :passId");
        filter.type().ifPresent(type -> where.append(" AND event_type = :type"));
        filter.success().ifPresent(success -> where.append(" AND success = :success"));
        filter.endpointContains().ifPresent(text -> where.append(" AND LOWER(endpoint) LIKE :endpoint ESCAPE '!'"));
        filter.from().ifPresent(from -> where.append(" AND started_at >= :from"));
        filter.until().ifPresent(until -> where.append(" AND started_at < :until"));
        return where.toString();
    }

    <S extends SqlStatement<S>> S bind(S statement) {
        statement.bind("passId", filter.passId().value());
        filter.type().ifPresent(type -> statement.bind("type", type.code()));
        filter.success().ifPresent(success -> statement.bind("success", success.booleanValue()));
        filter.endpointContains().ifPresent(text -> statement.bind("endpoint", "%" + likeLiteral(text) + "%"));
        filter.from().ifPresent(from -> statement.bind("from", Sql.utc(from)));
        filter.until().ifPresent(until -> statement.bind("until", Sql.utc(until)));
        return statement;
    }

    /** The text lower-cased, with LIKE's wildcards and the escape character taken literally. */
    private static String likeLiteral(String text) {
        StringBuilder literal = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                literal.append(ESCAPE);
            }
            literal.append(c);
        }
        return literal.toString();
    }
}

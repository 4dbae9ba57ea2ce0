package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.DateBounds;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the activity-log query parameters, as text from any front end, into a filter and a page. Every broken
 * parameter is reported at once with the allowed values.
 *
 * <p>Dates: {@code start_date} and {@code end_date} take an ISO-8601 date ({@code 2026-11-26}) or date-time
 * ({@code 2026-11-26T10:00:00Z}; without an offset, UTC) in the years 1970 to 9999 ({@link DateBounds}). Both ends
 * are inclusive: a date end covers that whole UTC day, a date-time end includes that instant and the rest of its
 * millisecond (the precision replies show times in).
 */
public final class ActivityRequests {

    public static final String STATUS_FIELD = "status";
    public static final String ENDPOINT_FIELD = "endpoint";
    public static final String START_FIELD = "start_date";
    public static final String END_FIELD = "end_date";
    public static final int ENDPOINT_MAX_LENGTH = 200;

    private ActivityRequests() {
    }

    /** Parses the filter parameters; null or blank means "no filter" for each. */
    public static ActivityFilter filter(PassId passId, String type, String status, String endpoint, String startDate,
                                        String endDate) {
        Violations violations = new Violations();
        Optional<ActivityType> checkedType = violations.check(() -> blank(type) ? Optional.empty()
                : Optional.of(ActivityType.parse(type)));
        Optional<Boolean> success = violations.check(() -> parseStatus(status));
        Optional<String> text = violations.check(() -> parseEndpoint(endpoint));
        Optional<Instant> from = violations.check(() -> parseInstant(START_FIELD, startDate, false));
        Optional<Instant> until = violations.check(() -> parseInstant(END_FIELD, endDate, true));
        violations.throwIfAny();
        return new ActivityFilter(passId, checkedType, success, text, from, until);
    }

    /** Parses {@code page} (from 1, default 1) and {@code per_page} (10, 25, 50 or 100; default 25). */
    public static PageRequest page(String page, String perPage) {
        Violations violations = new Violations();
        Integer number = violations.check(() -> blank(page) ? 1 : parseWhole("page", page, "a whole number from 1"));
        Integer size = violations.check(() -> blank(perPage) ? PageRequest.DEFAULT_PER_PAGE
                : parseWhole("per_page", perPage, "one of 10, 25, 50, 100"));
        violations.throwIfAny();
        // each part on its own first, so that page=0&per_page=7 names both
        violations.check(() -> new PageRequest(number, PageRequest.DEFAULT_PER_PAGE));
        violations.check(() -> new PageRequest(1, size));
        violations.throwIfAny();
        return new PageRequest(number, size);
    }

    /**
     * Parses one bound of a date range as the activity filters do (an ISO date, its whole UTC day for an end, or a
     * date-time); null or blank is no bound. Other filters with dates (the audit trail's) use it too.
     */
    public static Optional<Instant> dateOrTime(String field, String raw, boolean endOfRange) {
        return parseInstant(field, raw, endOfRange);
    }

    private static Optional<Boolean> parseStatus(String status) {
        if (blank(status)) {
            return Optional.empty();
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "success" -> Optional.of(true);
            case "failed" -> Optional.of(false);
            default -> throw ValidationException.of(STATUS_FIELD, "must be one of success, failed (got '" + shorten(status) + "')");
        };
    }

    private static Optional<String> parseEndpoint(String endpoint) {
        if (blank(endpoint)) {
            return Optional.empty();
        }
        if (endpoint.length() > ENDPOINT_MAX_LENGTH) {
            throw ValidationException.of(ENDPOINT_FIELD, "must be at most " + ENDPOINT_MAX_LENGTH + " characters");
        }
        return Optional.of(endpoint.strip());
    }

    /**
     * Parses a {@code start_date} ({@code endOfRange} false) or {@code end_date} (true: a date means the end of that
     * day) as the activity filters do; null or blank means none. Other lists with date filters (the audit trail) use it.
     */
    public static Optional<Instant> instant(String field, String raw, boolean endOfRange) {
        return parseInstant(field, raw, endOfRange);
    }

    private static Optional<Instant> parseInstant(String field, String raw, boolean endOfRange) {
        if (blank(raw)) {
            return Optional.empty();
        }
        String text = raw.strip();
        try {
            if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
                LocalDate date = LocalDate.parse(text);
                inBounds(field, DateBounds.contains(date), raw);
                return Optional.of((endOfRange ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            Instant instant = hasOffset(text) ? OffsetDateTime.parse(text).toInstant()
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            inBounds(field, DateBounds.contains(instant), raw);
            // replies show times to the millisecond: an end copied from one must include that event's sub-milliseconds
            return Optional.of(endOfRange ? instant.truncatedTo(ChronoUnit.MILLIS).plusMillis(1) : instant);
        } catch (DateTimeParseException malformed) {
            throw ValidationException.of(field, "must be an ISO-8601 date (2026-11-26) or date-time "
                    + "(2026-11-26T10:00:00Z) (got '" + shorten(raw) + "')");
        }
    }

    private static void inBounds(String field, boolean inBounds, String raw) {
        if (!inBounds) {
            throw ValidationException.of(field, DateBounds.RULE + " (got '" + shorten(raw) + "')");
        }
    }

    private static boolean hasOffset(String text) {
        return text.endsWith("Z") || text.endsWith("z") || text.matches(".*T.*[+-]\\d{2}:?\\d{2}$");
    }

    private static int parseWhole(String field, String raw, String rule) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException malformed) {
            throw ValidationException.of(field, "must be " + rule + " (got '" + shorten(raw) + "')");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}

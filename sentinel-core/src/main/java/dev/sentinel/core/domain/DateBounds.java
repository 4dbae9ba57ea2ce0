package dev.sentinel.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates Sentinel accepts as input, wherever they come from (pass validity, activity filters): the years 1970 to
 * 9999, UTC. Every store keeps them exactly and every date arithmetic on them (a year added for a default end, a day
 * for an inclusive end) stays inside what {@code java.time} and the databases hold — a year such as +999999989 was
 * once stored as another date, and +999999995 could not even have a year added.
 */
public final class DateBounds {

    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    /** The rule as users read it. */
    public static final String RULE = "must be from " + FIRST_DAY + " to " + LAST_DAY + " (years 1970-9999, UTC)";
    private static final Instant START = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private DateBounds() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    /** Whether the instant falls on one of the accepted days. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(START) && instant.isBefore(END);
    }

    /** The latest of the accepted days that is not after {@code date}. */
    public static LocalDate atMostLastDay(LocalDate date) {
        return date.isAfter(LAST_DAY) ? LAST_DAY : date;
    }
}

package dev.sentinel.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The dates a pass may authenticate, both inclusive, in UTC: from 00:00 on {@code validFrom} up to (not including)
 * 00:00 on the day after {@code validUntil}. {@code validUntil} must come after {@code validFrom}, and the period may
 * span at most {@value #MAX_YEARS} years. Dates read from input ({@link #parseDate}) lie in {@link DateBounds}; the
 * record does not check that itself, so that a pass stored before that rule can still be read, shown and deleted.
 */
public record ValidityPeriod(LocalDate validFrom, LocalDate validUntil) {

    public static final String FROM_FIELD = "valid_from";
    public static final String UNTIL_FIELD = "valid_until";
    public static final int MAX_YEARS = 10;
    /** A pass whose end is this close is {@link ValidityState#EXPIRING_SOON}. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    public ValidityPeriod {
        Objects.requireNonNull(validFrom, FROM_FIELD);
        Objects.requireNonNull(validUntil, UNTIL_FIELD);
        if (!validUntil.isAfter(validFrom)) {
            throw ValidationException.of(UNTIL_FIELD, "must be after valid_from (" + validFrom + ")");
        }
        if (validUntil.isAfter(validFrom.plusYears(MAX_YEARS))) {
            throw ValidationException.of(UNTIL_FIELD, "must be at most " + MAX_YEARS + " years after valid_from (" + validFrom + ")");
        }
    }

    /** The reference's defaults: from today until one year from today. */
    public static ValidityPeriod startingOn(LocalDate today) {
        return new ValidityPeriod(today, today.plusYears(1));
    }

    /** Parses an ISO date (YYYY-MM-DD) for one of the two fields, within {@link DateBounds} (years 1970-9999). */
    public static LocalDate parseDate(String field, String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) : raw;
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException malformed) {
            throw ValidationException.of(field, "must be a date as YYYY-MM-DD (got '" + shown + "')");
        }
        if (!DateBounds.contains(date)) {
            throw ValidationException.of(field, DateBounds.RULE + " (got '" + shown + "')");
        }
        return date;
    }

    public Instant start() {
        return validFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return validUntil.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant now) {
        return !now.isBefore(start()) && now.isBefore(end());
    }

    public ValidityState stateAt(Instant now) {
        if (now.isBefore(start())) {
            return ValidityState.NOT_YET_VALID;
        }
        if (!now.isBefore(end())) {
            return ValidityState.EXPIRED;
        }
        return Duration.between(now, end()).compareTo(EXPIRY_WARNING) <= 0 ? ValidityState.EXPIRING_SOON : ValidityState.VALID;
    }
}

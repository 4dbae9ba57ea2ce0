package dev.sentinel.cli.render;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one way numbers and times look in output for people, so {@code pass show}, {@code usage} and
 * {@code activity list} agree: counts with comma grouping ({@code 11,011}), percentages with one decimal
 * ({@code 94.7 %}), durations in milliseconds ({@code 42 ms}, averages {@code 166.7 ms}) and instants in UTC to the
 * second ({@code 2026-11-30T10:00:00Z}). The forms do not depend on the JVM's default locale. JSON output keeps
 * machine values and does not use this class.
 */
public final class Figures {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    private Figures() {
    }

    /** A count with comma grouping: {@code 11,011}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A percentage (0–100) with one decimal: {@code 94.7 %}. Only exactly 0 and 100 print as {@code 0.0 %} and
     * {@code 100.0 %}: a rate just below 100 prints {@code 99.9 %} and one just above 0 prints {@code 0.1 %}, so a
     * single failure among thousands of requests never reads as none.
     */
    public static String percent(double value) {
        String text = String.format(Locale.ROOT, "%,.1f", value);
        if (text.equals("100.0") && value < 100) {
            text = "99.9";
        } else if (text.equals("0.0") && value > 0) {
            text = "0.1";
        }
        return text + " %";
    }

    /** A duration of whole milliseconds: {@code 1,250 ms}. */
    public static String millis(long value) {
        return count(value) + " ms";
    }

    /** An average duration in milliseconds, with one decimal: {@code 166.7 ms}. */
    public static String averageMillis(double value) {
        return String.format(Locale.ROOT, "%,.1f ms", value);
    }

    /** An instant in UTC, truncated to the second: {@code 2026-11-30T10:00:00Z}. */
    public static String instant(Instant value) {
        return INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS));
    }
}

package dev.sentinel.core.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every front end (the CLI's options, the API's {@code grace_period}): {@code 90s},
 * {@code 30m}, {@code 1h}, {@code 2d}, a whole number of seconds ({@code 0}, {@code 3600}), or ISO-8601 such as
 * {@code PT1H30M}; letters in either case. Whether the value is in range is the using field's rule.
 */
public final class DurationText {

    /** The syntax in words, for error messages. */
    public static final String EXAMPLES = "90s, 30m, 1h, 2d, a number of seconds (3600) or ISO-8601 such as PT1H30M";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Pattern SECONDS = Pattern.compile("-?\\d{1,12}");

    private DurationText() {
    }

    /**
     * {@code 10m}, {@code 1h}, {@code 90s}: the largest of hours, minutes and seconds that states a whole number of
     * seconds exactly, as {@link #parse} reads it back.
     */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** The duration the text means; empty when it is not one. */
    public static Optional<Duration> parse(String raw) {
        String text = raw.strip().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(text).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        Matcher shortForm = SHORT.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(raw.strip()));
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}

package dev.sentinel.core.application.throttle;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many failed attempts a key may make: {@code failures} at once, then one more each {@code period / failures}
 * (a token bucket that refills {@code failures} tokens per {@code period}, a little at a time). Written
 * {@code 10/1m}; {@code off} means no limit.
 */
public record FailureLimit(int failures, Duration period) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})\\s*/\\s*(\\d{1,6})(s|m|h)");

    public FailureLimit {
        Objects.requireNonNull(period, "period");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be zero (off) or positive");
        }
        if (failures > 0 && (period.isNegative() || period.isZero() || period.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("the period must be between 1 second and 24 hours");
        }
    }

    /** No limit. */
    public static FailureLimit off() {
        return new FailureLimit(0, Duration.ZERO);
    }

    /**
     * Reads {@code N/PERIOD} with a period in seconds, minutes or hours ({@code 10/1m}, {@code 100/30s}) or
     * {@code off}; an {@link IllegalArgumentException} says what is wrong otherwise.
     */
    public static FailureLimit parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return off();
        }
        Matcher matcher = TEXT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a limit: write FAILURES/PERIOD such as 10/1m, "
                    + "100/30s, 500/1h, or off");
        }
        int failures = Integer.parseInt(matcher.group(1));
        long amount = Long.parseLong(matcher.group(2));
        Duration period = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (failures == 0) {
            throw new IllegalArgumentException("'" + text + "' allows no failure at all: write off for no limit");
        }
        return new FailureLimit(failures, period);
    }

    public boolean isOff() {
        return failures == 0;
    }

    /** The time one more failure has to wait once the bucket is empty. */
    public Duration spacing() {
        return isOff() ? Duration.ZERO : period.dividedBy(failures);
    }

    @Override
    public String toString() {
        if (isOff()) {
            return "off";
        }
        long seconds = period.getSeconds();
        String shown = seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        return failures + "/" + shown;
    }
}

package dev.sentinel.core.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads the cache lifetime a response allows from its {@code Cache-Control} header (RFC 9111 §5.2.2). */
public final class CacheControl {

    private CacheControl() {
    }

    /**
     * The {@code max-age} in seconds; {@link Duration#ZERO} for {@code no-store} or {@code no-cache}; empty when the
     * header is absent, names no lifetime, or carries an unreadable one (which RFC 9111 says to treat as stale, and
     * the caller's own default is safer than guessing).
     */
    public static Optional<Duration> maxAge(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> found = Optional.empty();
        for (String directive : header.get().split(",")) {
            String text = directive.trim().toLowerCase(Locale.ROOT);
            if (text.equals("no-store") || text.equals("no-cache") || text.startsWith("no-cache=")) {
                return Optional.of(Duration.ZERO);
            }
            if (text.startsWith("max-age=") && found.isEmpty()) {
                found = seconds(text.substring("max-age=".length()));
            }
        }
        return found;
    }

    private static Optional<Duration> seconds(String value) {
        String digits = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1) : value;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(digits)));
    }
}

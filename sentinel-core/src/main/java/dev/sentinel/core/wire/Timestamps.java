package dev.sentinel.core.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The one way an instant is written in every JSON shape (API replies, exports, the CLI's {@code --json}): ISO-8601 in
 * UTC to the millisecond, always with three fraction digits — {@code 2026-11-26T10:00:00.000Z} — so a script parses
 * one form whatever the instant. Sub-millisecond parts are cut, not rounded; {@code Date.parse} in every browser and
 * {@code Instant.parse} read the form.
 */
public final class Timestamps {

    private static final DateTimeFormatter MILLISECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return MILLISECONDS.format(instant);
    }

    /** The instant written, or null when there is none (JSON {@code null}). */
    public static String formatOrNull(Optional<Instant> instant) {
        return instant.map(Timestamps::format).orElse(null);
    }
}

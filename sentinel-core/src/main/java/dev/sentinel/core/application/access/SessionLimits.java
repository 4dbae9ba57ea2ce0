package dev.sentinel.core.application.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How long a signed-in session lasts: it ends after {@link #idle()} without a request, and after {@link #absolute()}
 * in all, whatever it does. Immutable.
 */
public record SessionLimits(Duration idle, Duration absolute) {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);
    /** The shortest limit accepted (shorter would end a session between two clicks). */
    public static final Duration MIN = Duration.ofSeconds(1);
    public static final SessionLimits DEFAULTS = new SessionLimits(DEFAULT_IDLE, DEFAULT_ABSOLUTE);

    public SessionLimits {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(absolute, "absolute");
        List<Map.Entry<String, String>> problems = problems(idle, absolute);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(problem -> problem.getKey() + " "
                    + problem.getValue()).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    /**
     * Every broken rule of these limits as (field, rule): {@code session_idle}, {@code session_max}; empty when they are
     * valid.
     */
    public static List<Map.Entry<String, String>> problems(Duration idle, Duration absolute) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (idle.compareTo(MIN) < 0) {
            problems.add(Map.entry("session_idle", "must be at least 1s (got " + idle + ")"));
        }
        if (absolute.compareTo(MIN) < 0) {
            problems.add(Map.entry("session_max", "must be at least 1s (got " + absolute + ")"));
        }
        if (problems.isEmpty() && idle.compareTo(absolute) > 0) {
            problems.add(Map.entry("session_idle", "must not be longer than session_max (got " + idle + " and "
                    + absolute + ")"));
        }
        return problems;
    }

    /** How stale a session's last-seen time may get before a request stores a new one (bounds the writes). */
    Duration touchEvery() {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }
}

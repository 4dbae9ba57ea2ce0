package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.Coded;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The analysis windows of the Usage view: 24 hourly points, or 7 or 30 daily points, in UTC. */
public enum UsageRange implements Coded {
    LAST_24_HOURS("24h", ChronoUnit.HOURS, 24),
    LAST_7_DAYS("7d", ChronoUnit.DAYS, 7),
    LAST_30_DAYS("30d", ChronoUnit.DAYS, 30);

    public static final String FIELD = "range";

    private final String code;
    private final ChronoUnit resolution;
    private final int points;

    UsageRange(String code, ChronoUnit resolution, int points) {
        this.code = code;
        this.resolution = resolution;
        this.points = points;
    }

    @Override
    public String code() {
        return code;
    }

    public static UsageRange parse(String raw) {
        return raw == null || raw.isBlank() ? LAST_24_HOURS : Coded.parse(UsageRange.class, FIELD, raw);
    }

    /** {@code hour} or {@code day}. */
    public String resolutionName() {
        return resolution == ChronoUnit.HOURS ? "hour" : "day";
    }

    public Duration step() {
        return resolution.getDuration();
    }

    public int points() {
        return points;
    }

    /** The start of the first point: the current hour or day, minus {@code points - 1} steps. */
    public Instant firstPointAt(Instant now) {
        return now.truncatedTo(resolution).minus(step().multipliedBy(points - 1L));
    }
}

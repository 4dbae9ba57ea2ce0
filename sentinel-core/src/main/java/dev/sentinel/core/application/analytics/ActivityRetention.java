package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Deletes raw activity events older than the retention period (default 90 days). Hourly rollups are kept, so
 * analytics and lifetime totals outlive the raw events. Thread-safe.
 */
public final class ActivityRetention {

    public static final Duration DEFAULT = Duration.ofDays(90);
    public static final String FIELD = "activity_retention";

    private final Storage storage;
    private final Clock clock;
    private final Duration retention;

    public ActivityRetention(Storage storage, Clock clock, Duration retention) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retention, FIELD);
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw ValidationException.of(FIELD, "must be at least 1 day");
        }
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** Deletes events that started before now minus the retention period; returns how many. */
    public long purge() {
        return storage.inTransaction(session -> session.activity().purgeBefore(clock.instant().minus(retention)));
    }
}

package dev.sentinel.core.application;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * Batch ingest of activity reported by remote resource servers: the whole batch is stored in one transaction, events
 * and rollups together (the path every recorder takes), or nothing is. Thread-safe.
 */
public final class ActivityIngest {

    /** How far in the future an event may start: clocks of resource servers drift, but not by hours. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Storage storage;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param retention how long raw events are kept: an event that starts before it would be purged at once and would
     *                  only distort the rollups, so it is refused
     */
    public ActivityIngest(Storage storage, Clock clock, Duration retention) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /**
     * Stores the events; returns how many.
     *
     * @throws ValidationException naming {@code [i].started_at} for every event that starts more than
     *                             {@link #MAX_CLOCK_SKEW} from now in the future or before the retention period, and
     *                             {@code [i].pass_id} for every event whose pass does not exist; nothing is stored
     */
    public int ingest(List<ActivityEvent> events) {
        List<ActivityEvent> batch = List.copyOf(events);
        if (batch.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<FieldViolation> outOfRange = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            Instant startedAt = batch.get(index).startedAt();
            if (startedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                outOfRange.add(new FieldViolation("[" + index + "].started_at", "must not be more than "
                        + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
            } else if (startedAt.isBefore(now.minus(retention))) {
                outOfRange.add(new FieldViolation("[" + index + "].started_at", "must be within the retention period "
                        + "(the last " + retention.toDays() + " days)"));
            }
        }
        if (!outOfRange.isEmpty()) {
            throw new ValidationException(outOfRange);
        }
        return storage.inTransaction(session -> {
            Set<PassId> existing = ActivityWrites.lockExistingPasses(session, batch);
            List<FieldViolation> violations = new ArrayList<>();
            for (int index = 0; index < batch.size(); index++) {
                if (!existing.contains(batch.get(index).passId())) {
                    violations.add(new FieldViolation("[" + index + "].pass_id", "names no pass"));
                }
            }
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
            ActivityWrites.append(session, batch);
            return batch.size();
        });
    }
}

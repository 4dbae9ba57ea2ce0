package dev.sentinel.core.application;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.out.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * Batch ingest of activity reported by remote resource servers: the whole batch is stored in one transaction, events
 * and rollups together (the path every recorder takes), or nothing is. Thread-safe.
 */
public final class ActivityIngest {

    private final Storage storage;

    public ActivityIngest(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * Stores the events; returns how many.
     *
     * @throws ValidationException naming {@code [i].pass_id} for every event whose pass does not exist; nothing is stored
     */
    public int ingest(List<ActivityEvent> events) {
        List<ActivityEvent> batch = List.copyOf(events);
        if (batch.isEmpty()) {
            return 0;
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

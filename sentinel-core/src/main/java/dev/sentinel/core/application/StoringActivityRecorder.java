package dev.sentinel.core.application;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.core.port.out.Storage;
import java.util.List;
import java.util.Objects;

/**
 * Writes events and their hourly rollups in the caller's thread, one transaction per batch. The simplest
 * {@link ActivityRecorder}; the durable step that batching recorders build on. Thread-safe.
 */
public final class StoringActivityRecorder implements ActivityRecorder {

    private final Storage storage;

    public StoringActivityRecorder(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public void record(ActivityEvent event) {
        recordAll(List.of(event));
    }

    /**
     * Stores the events and folds them into the rollups atomically: all of them, or none. Events of a pass deleted
     * meanwhile are dropped with it.
     */
    public void recordAll(List<ActivityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        storage.inTransaction(session -> {
            ActivityWrites.store(session, events);
            return null;
        });
    }
}

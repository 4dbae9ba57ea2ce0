package dev.sentinel.core.application;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.out.StorageSession;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one way events are stored: appended to the log and folded into the hourly rollups, in the caller's transaction,
 * for passes that still exist.
 */
final class ActivityWrites {

    private ActivityWrites() {
    }

    /**
     * Locks the passes the events belong to, in pass-id order, and returns those that exist. The lock makes a write and
     * a delete of the same pass take turns (no events outlive their pass), and the fixed order means that writers whose
     * batches share passes — and so rollup rows — queue instead of deadlocking.
     */
    static Set<PassId> lockExistingPasses(StorageSession session, List<ActivityEvent> events) {
        Set<PassId> existing = new TreeSet<>(Comparator.comparing(PassId::value));
        for (PassId passId : events.stream().map(ActivityEvent::passId)
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(PassId::value))))) {
            if (session.passes().findForUpdate(passId).isPresent()) {
                existing.add(passId);
            }
        }
        return existing;
    }

    /** Stores the events whose pass exists (see {@link #lockExistingPasses}); returns how many. */
    static int store(StorageSession session, List<ActivityEvent> events) {
        Set<PassId> existing = lockExistingPasses(session, events);
        List<ActivityEvent> kept = events.stream().filter(event -> existing.contains(event.passId())).toList();
        append(session, kept);
        return kept.size();
    }

    /** Appends events whose passes the caller has locked. */
    static void append(StorageSession session, List<ActivityEvent> events) {
        if (!events.isEmpty()) {
            session.activity().append(events);
            session.usage().add(events);
        }
    }
}

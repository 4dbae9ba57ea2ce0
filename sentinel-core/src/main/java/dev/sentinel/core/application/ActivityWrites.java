package dev.sentinel.core.application;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.out.StorageSession;
import java.util.List;

/** The one way events are stored: appended to the log and folded into the hourly rollups, in the caller's transaction. */
final class ActivityWrites {

    private ActivityWrites() {
    }

    static void store(StorageSession session, List<ActivityEvent> events) {
        session.activity().append(events);
        session.usage().add(events);
    }
}

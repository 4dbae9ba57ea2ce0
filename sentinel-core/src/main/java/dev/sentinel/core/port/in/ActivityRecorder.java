package dev.sentinel.core.port.in;

import dev.sentinel.core.domain.activity.ActivityEvent;

/**
 * Where request handlers hand activity events. Implementations may buffer and write in batches, but never drop an
 * event silently: what they cannot take they count or refuse. Thread-safe.
 */
@FunctionalInterface
public interface ActivityRecorder {

    /** Records one event; may return before the event is durable. */
    void record(ActivityEvent event);
}

package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import java.time.Instant;
import java.util.List;

/** Hourly usage rollups, kept on write so analytics never scan raw events. Used inside a {@link StorageSession}. */
public interface UsageRollups {

    /** Folds the events into their passes' hourly rollups. */
    void add(List<ActivityEvent> events);

    /** The pass's rollups for hours in {@code [from, until)}, oldest first; hours without events are absent. */
    List<HourlyUsage> find(PassId passId, Instant from, Instant until);

    /** Deletes every rollup of the pass. */
    void deleteByPass(PassId passId);
}

package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Raw activity events: appended in batches, read newest first. Used inside a {@link StorageSession}. */
public interface ActivityLog {

    void append(java.util.List<ActivityEvent> events);

    /** One page of matching events, newest first ({@code started_at} descending), with the total match count. */
    Page<ActivityEvent> find(ActivityFilter filter, PageRequest page);

    long count(ActivityFilter filter);

    /** Streams up to {@code limit} matching events, newest first, without holding them all in memory. */
    void forEach(ActivityFilter filter, int limit, Consumer<ActivityEvent> sink);

    /** The start of the pass's most recent event. */
    Optional<Instant> lastUsed(PassId passId);

    /** Deletes every event of the pass; returns how many. */
    long deleteByPass(PassId passId);

    /** Deletes every event that started before {@code cutoff}; returns how many. Rollups are kept. */
    long purgeBefore(Instant cutoff);
}

package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.util.Objects;
import java.util.function.Consumer;

/** Reads a pass's activity log: filtered pages, newest first, and bounded exports. Thread-safe. */
public final class ActivityService {

    /** The most records one export may hold. */
    public static final int EXPORT_LIMIT = 10_000;

    private final Storage storage;

    public ActivityService(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    public Page<ActivityEvent> page(ActivityFilter filter, PageRequest page) {
        return storage.read(session -> {
            requirePass(session, filter);
            return session.activity().find(filter, page);
        });
    }

    /** How many events match, for planning an export. */
    public long count(ActivityFilter filter) {
        return storage.read(session -> {
            requirePass(session, filter);
            return session.activity().count(filter);
        });
    }

    /**
     * Streams every matching event, newest first, to the sink; refuses with {@link ExportTooLargeException} before
     * writing anything when more than {@code limit} (at most {@link #EXPORT_LIMIT}) match.
     */
    public long export(ActivityFilter filter, int limit, Consumer<ActivityEvent> sink) {
        int bounded = Math.min(limit, EXPORT_LIMIT);
        return storage.read(session -> {
            requirePass(session, filter);
            long matched = session.activity().count(filter);
            if (matched > bounded) {
                throw new ExportTooLargeException(matched, bounded);
            }
            session.activity().forEach(filter, bounded, sink);
            return matched;
        });
    }

    private static void requirePass(StorageSession session, ActivityFilter filter) {
        if (session.passes().find(filter.passId()).isEmpty()) {
            throw new PassNotFoundException(filter.passId().value());
        }
    }
}

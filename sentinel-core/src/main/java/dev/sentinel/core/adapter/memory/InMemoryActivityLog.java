package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.out.ActivityLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

final class InMemoryActivityLog implements ActivityLog {

    private final InMemoryState state;

    InMemoryActivityLog(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void append(List<ActivityEvent> events) {
        state.events.addAll(events);
    }

    @Override
    public Page<ActivityEvent> find(ActivityFilter filter, PageRequest page) {
        List<ActivityEvent> matching = newestFirst(filter).toList();
        List<ActivityEvent> items = matching.stream().skip(page.offset()).limit(page.perPage()).toList();
        return new Page<>(items, page.page(), page.perPage(), matching.size());
    }

    @Override
    public long count(ActivityFilter filter) {
        return state.events.stream().filter(filter::matches).count();
    }

    @Override
    public void forEach(ActivityFilter filter, int limit, Consumer<ActivityEvent> sink) {
        newestFirst(filter).limit(limit).forEach(sink);
    }

    @Override
    public Optional<Instant> lastUsed(PassId passId) {
        return state.events.stream().filter(event -> event.passId().equals(passId))
                .map(ActivityEvent::startedAt).max(Comparator.naturalOrder());
    }

    @Override
    public long deleteByPass(PassId passId) {
        state.beforeEventRemoval();
        int before = state.events.size();
        state.events.removeIf(event -> event.passId().equals(passId));
        return before - state.events.size();
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        state.beforeEventRemoval();
        int before = state.events.size();
        state.events.removeIf(event -> event.startedAt().isBefore(cutoff));
        return before - state.events.size();
    }

    /** Newest first; among equal start times, the later appended first (as a store's insertion order would). */
    private Stream<ActivityEvent> newestFirst(ActivityFilter filter) {
        List<ActivityEvent> events = state.events;
        return java.util.stream.IntStream.range(0, events.size()).map(i -> events.size() - 1 - i)
                .mapToObj(events::get)
                .filter(filter::matches)
                .sorted(Comparator.comparing(ActivityEvent::startedAt).reversed());
    }
}

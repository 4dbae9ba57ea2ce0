package dev.sentinel.cli.activity;

import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts the events a filter matches into consecutive {@code started_at} ranges of at most {@code limit} events each,
 * newest range first. The ranges are half-open and adjoin, so every matching event falls in exactly one of them, and
 * events with the same {@code started_at} always fall in the same one.
 *
 * <p>Each cut is found by reading the newest event that does not fit: the {@code (limit + 1)}-th newest of what is
 * left. The part above it holds only strictly newer events, so at most {@code limit}. An open-ended filter is capped
 * at the newest event when planning starts, so events recorded during the export do not overfill the first part.
 */
final class SplitPlanner {

    /** Timestamps are stored with microsecond precision, so the next possible {@code started_at} is 1 µs later. */
    private static final ChronoUnit PRECISION = ChronoUnit.MICROS;
    private static final int PAGE_SIZE = 10;

    private final ActivityService activity;
    private final int limit;

    /** The parts, newest first, and how many events they hold together. */
    record Plan(List<ActivityFilter> parts, long total) {
        Plan {
            parts = List.copyOf(parts);
        }
    }

    SplitPlanner(ActivityService activity, int limit) {
        if (limit <= 0 || limit % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("the part size must be a positive multiple of " + PAGE_SIZE);
        }
        this.activity = activity;
        this.limit = limit;
    }

    Plan plan(ActivityFilter filter) {
        Optional<Instant> newest = startedAtOf(filter, 0);
        if (newest.isEmpty()) {
            return new Plan(List.of(filter), 0);
        }
        Instant upper = filter.until().orElse(newest.get().plus(1, PRECISION));
        ActivityFilter rest = between(filter, filter.from(), upper);
        long total = activity.count(rest);
        List<ActivityFilter> parts = new ArrayList<>();
        long remaining = total;
        while (remaining > limit) {
            Instant cut = startedAtOf(rest, limit).orElseThrow();
            Instant lower = cut.plus(1, PRECISION);
            if (!lower.isBefore(upper) || activity.count(between(filter, Optional.of(lower), upper)) == 0) {
                throw new CommandFailedException(String.format(Locale.ROOT, "cannot split the export: more than %,d "
                        + "records share started_at %s; narrow it with --type, --status or --endpoint", limit, cut));
            }
            parts.add(between(filter, Optional.of(lower), upper));
            upper = lower;
            rest = between(filter, filter.from(), upper);
            remaining = activity.count(rest);
        }
        parts.add(rest);
        return new Plan(parts, total);
    }

    /** The {@code started_at} of the event at this position (from 0) in newest-first order. */
    private Optional<Instant> startedAtOf(ActivityFilter filter, int position) {
        List<ActivityEvent> page = activity.page(filter, new PageRequest(position / PAGE_SIZE + 1, PAGE_SIZE)).items();
        int index = position % PAGE_SIZE;
        return index < page.size() ? Optional.of(page.get(index).startedAt()) : Optional.empty();
    }

    private static ActivityFilter between(ActivityFilter filter, Optional<Instant> from, Instant until) {
        return new ActivityFilter(filter.passId(), filter.type(), filter.success(), filter.endpointContains(), from,
                Optional.of(until));
    }
}

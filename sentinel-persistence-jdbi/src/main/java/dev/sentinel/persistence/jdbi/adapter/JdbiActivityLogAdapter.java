package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.out.ActivityLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Activity events stored in blocks (see {@link ActivityBlocks}), read newest first by {@code started_at} and then by
 * append order.
 *
 * <p>Counts: {@link #count} is always exact. Without an endpoint filter it adds the per-hour counters of
 * {@code activity_counts} for the whole hours of the range and counts only the partial hours at its edges from the
 * blocks, so it costs the same on ten events as on ten million. An endpoint substring is not in the counters: an exact
 * count reads every event in range. {@link #find} therefore counts endpoint-filtered pages exactly only while the range
 * holds at most {@value #PAGE_COUNT_SCAN_LIMIT} events (of any type); beyond that it reads the newest
 * {@value #PAGE_COUNT_SCAN_LIMIT} in range, scales their share of matches to the range's event count, and says so with
 * {@link Page#totalIsEstimate()}. Export keeps using the exact {@link #count}.
 */
final class JdbiActivityLogAdapter implements ActivityLog {

    /** The most events a page's total reads for an endpoint filter before it estimates instead. */
    static final int PAGE_COUNT_SCAN_LIMIT = 10_000;
    private static final int FIRST_CHUNK = 4;
    private static final int MAX_CHUNK = 256;
    private static final Comparator<ActivityBlocks.Stored> NEWEST_FIRST = Comparator
            .comparing((ActivityBlocks.Stored stored) -> stored.event().startedAt())
            .thenComparingLong(ActivityBlocks.Stored::blockId)
            .thenComparingInt(ActivityBlocks.Stored::position)
            .reversed();

    private final Handle handle;
    private final Dialect dialect;

    JdbiActivityLogAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public void append(List<ActivityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            ActivityBlocks.append(handle.getConnection(), dialect, events);
        } catch (SQLException failure) {
            throw new StorageException("cannot append activity: " + Redaction.rootMessage(failure), failure);
        }
    }

    @Override
    public Page<ActivityEvent> find(ActivityFilter filter, PageRequest page) {
        List<ActivityEvent> items = new ArrayList<>(page.perPage());
        Matches matches = new Matches(filter);
        long skip = page.offset();
        while (items.size() < page.perPage() && matches.hasNext()) {
            ActivityEvent next = matches.next();
            if (skip > 0) {
                skip--;
            } else {
                items.add(next);
            }
        }
        if (filter.endpointContains().isEmpty()) {
            return new Page<>(items, page.page(), page.perPage(), count(filter));
        }
        ActivityFilter range = new ActivityFilter(filter.passId(), Optional.empty(), Optional.empty(), Optional.empty(),
                filter.from(), filter.until());
        long inRange = countWithoutEndpoint(range);
        if (inRange <= PAGE_COUNT_SCAN_LIMIT) {
            return new Page<>(items, page.page(), page.perPage(), count(filter));
        }
        long scanned = 0;
        long matched = 0;
        Matches sample = new Matches(range);
        while (scanned < PAGE_COUNT_SCAN_LIMIT && sample.hasNext()) {
            scanned++;
            if (filter.matches(sample.next())) {
                matched++;
            }
        }
        long estimate = Math.round((double) matched * inRange / Math.max(1, scanned));
        long seen = page.offset() + items.size() + (matches.hasNext() ? 1 : 0);
        return new Page<>(items, page.page(), page.perPage(), Math.max(estimate, seen), true);
    }

    @Override
    public long count(ActivityFilter filter) {
        if (filter.endpointContains().isPresent()) {
            long[] count = {0};
            Matches matches = new Matches(filter);
            while (matches.hasNext()) {
                matches.next();
                count[0]++;
            }
            return count[0];
        }
        return countWithoutEndpoint(filter);
    }

    @Override
    public void forEach(ActivityFilter filter, int limit, Consumer<ActivityEvent> sink) {
        Matches matches = new Matches(filter);
        for (int i = 0; i < limit && matches.hasNext(); i++) {
            sink.accept(matches.next());
        }
    }

    @Override
    public Optional<Instant> lastUsed(PassId passId) {
        return handle.createQuery("SELECT MAX(last_at) FROM activity_blocks WHERE pass_id = :passId")
                .bind("passId", passId.value())
                .map((row, context) -> Optional.ofNullable(row.getObject(1, OffsetDateTime.class)))
                .one()
                .map(OffsetDateTime::toInstant);
    }

    @Override
    public long deleteByPass(PassId passId) {
        long deleted = handle.createQuery("SELECT COALESCE(SUM(event_count), 0) FROM activity_blocks WHERE pass_id = :passId")
                .bind("passId", passId.value())
                .mapTo(Long.class)
                .one();
        handle.createUpdate("DELETE FROM activity_blocks WHERE pass_id = :passId").bind("passId", passId.value()).execute();
        handle.createUpdate("DELETE FROM activity_counts WHERE pass_id = :passId").bind("passId", passId.value()).execute();
        return deleted;
    }

    /**
     * Deletes whole blocks before the cutoff and rewrites in place (same id, so append order holds) the blocks of the
     * cutoff's hour that straddle it; counters of whole hours before the cutoff go, the cutoff's hour is recounted.
     */
    @Override
    public long purgeBefore(Instant cutoff) {
        Instant cutoffHour = cutoff.truncatedTo(ChronoUnit.HOURS);
        // Passes with events in the cutoff's hour before the cutoff: that hour's counters are recounted afterwards.
        List<String> recount = cutoffHour.equals(cutoff) ? List.of() : handle.createQuery("SELECT DISTINCT pass_id "
                        + "FROM activity_blocks WHERE last_at >= :hour AND first_at < :cutoff")
                .bind("hour", Sql.utc(cutoffHour))
                .bind("cutoff", Sql.utc(cutoff))
                .mapTo(String.class)
                .list();
        long deleted = handle.createQuery("SELECT COALESCE(SUM(event_count), 0) FROM activity_blocks WHERE last_at < :cutoff")
                .bind("cutoff", Sql.utc(cutoff))
                .mapTo(Long.class)
                .one();
        handle.createUpdate("DELETE FROM activity_blocks WHERE last_at < :cutoff").bind("cutoff", Sql.utc(cutoff)).execute();
        handle.createUpdate("DELETE FROM activity_counts WHERE hour_start < :hour").bind("hour", Sql.utc(cutoffHour)).execute();
        record Straddling(long id, PassId passId, int count, byte[] events) {
        }
        List<Straddling> straddling = recount.isEmpty() ? List.of() : handle.createQuery("SELECT id, pass_id, event_count, "
                        + "events FROM activity_blocks WHERE first_at < :cutoff AND last_at >= :cutoff")
                .bind("cutoff", Sql.utc(cutoff))
                .map((row, context) -> new Straddling(row.getLong("id"), new PassId(row.getString("pass_id")),
                        row.getInt("event_count"), row.getBytes("events")))
                .list();
        for (Straddling block : straddling) {
            List<ActivityEvent> kept = ActivityBlocks.decode(block.passId(), block.events()).stream()
                    .filter(event -> !event.startedAt().isBefore(cutoff)).toList();
            deleted += block.count() - kept.size();
            handle.createUpdate("UPDATE activity_blocks SET first_at = :first, event_count = :count, events = :events WHERE id = :id")
                    .bind("first", Sql.utc(kept.stream().map(ActivityEvent::startedAt).min(Comparator.naturalOrder()).orElseThrow()))
                    .bind("count", kept.size())
                    .bind("events", ActivityBlocks.encode(kept))
                    .bind("id", block.id())
                    .execute();
        }
        Map<ActivityBlocks.CountKey, Long> counts = new HashMap<>();
        for (String pass : recount) {
            handle.createUpdate("DELETE FROM activity_counts WHERE pass_id = :passId AND hour_start = :hour")
                    .bind("passId", pass).bind("hour", Sql.utc(cutoffHour)).execute();
            Matches hour = new Matches(new ActivityFilter(new PassId(pass), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(cutoffHour), Optional.of(cutoffHour.plus(Duration.ofHours(1)))));
            while (hour.hasNext()) {
                ActivityEvent event = hour.next();
                counts.merge(new ActivityBlocks.CountKey(pass, cutoffHour, event.type().code(), event.success()), 1L, Long::sum);
            }
        }
        try {
            ActivityBlocks.addCounts(handle.getConnection(), dialect, counts);
        } catch (SQLException failure) {
            throw new StorageException("cannot purge activity: " + Redaction.rootMessage(failure), failure);
        }
        return deleted;
    }

    /** The exact count of a filter without an endpoint substring: counters for whole hours, blocks for the edges. */
    private long countWithoutEndpoint(ActivityFilter filter) {
        Optional<Instant> from = filter.from();
        Optional<Instant> until = filter.until();
        Optional<Instant> wholeFrom = from.map(JdbiActivityLogAdapter::ceilHour);
        Optional<Instant> wholeUntil = until.map(instant -> instant.truncatedTo(ChronoUnit.HOURS));
        if (wholeFrom.isPresent() && wholeUntil.isPresent() && !wholeFrom.get().isBefore(wholeUntil.get())) {
            return countInBlocks(filter, from, until);
        }
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(event_count), 0) FROM activity_counts WHERE pass_id = :passId");
        wholeFrom.ifPresent(hour -> sql.append(" AND hour_start >= :from"));
        wholeUntil.ifPresent(hour -> sql.append(" AND hour_start < :until"));
        filter.type().ifPresent(type -> sql.append(" AND event_type = :type"));
        filter.success().ifPresent(success -> sql.append(" AND success = :success"));
        var query = handle.createQuery(sql.toString()).bind("passId", filter.passId().value());
        wholeFrom.ifPresent(hour -> query.bind("from", Sql.utc(hour)));
        wholeUntil.ifPresent(hour -> query.bind("until", Sql.utc(hour)));
        filter.type().ifPresent(type -> query.bind("type", type.code()));
        filter.success().ifPresent(success -> query.bind("success", success.booleanValue()));
        long total = query.mapTo(Long.class).one();
        if (from.isPresent() && from.get().isBefore(wholeFrom.orElseThrow())) {
            total += countInBlocks(filter, from, wholeFrom);
        }
        if (until.isPresent() && wholeUntil.orElseThrow().isBefore(until.get())) {
            total += countInBlocks(filter, wholeUntil, until);
        }
        return total;
    }

    /** Counts type/success matches in {@code [from, until)} by reading only the head of each event. */
    private long countInBlocks(ActivityFilter filter, Optional<Instant> from, Optional<Instant> until) {
        long[] count = {0};
        ActivityFilter range = new ActivityFilter(filter.passId(), filter.type(), filter.success(), Optional.empty(), from, until);
        BlockReader blocks = new BlockReader(range);
        while (blocks.hasNext()) {
            ActivityBlocks.scanHeaders(blocks.next().events(), (type, seconds, nano, success) -> {
                Instant at = Instant.ofEpochSecond(seconds, nano);
                if (range.type().map(wanted -> wanted == type).orElse(true)
                        && range.success().map(wanted -> wanted == success).orElse(true)
                        && from.map(start -> !at.isBefore(start)).orElse(true)
                        && until.map(end -> at.isBefore(end)).orElse(true)) {
                    count[0]++;
                }
            });
        }
        return count[0];
    }

    private static Instant ceilHour(Instant instant) {
        Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(instant) ? hour : hour.plus(Duration.ofHours(1));
    }

    /** One row of {@code activity_blocks}. */
    private record Block(long id, Instant lastAt, byte[] events) {
    }

    /**
     * The blocks that may hold events of the filter's pass and range, newest {@code last_at} first, read a few at a
     * time (4, doubling to 256) so a first page reads only the newest blocks.
     */
    private final class BlockReader {
        private final ActivityFilter filter;
        private final ArrayDeque<Block> buffered = new ArrayDeque<>();
        private final java.util.Set<Long> seenAtBoundary = new java.util.HashSet<>();
        private Instant boundary;
        private int chunk = FIRST_CHUNK;
        private boolean exhausted;

        BlockReader(ActivityFilter filter) {
            this.filter = filter;
        }

        boolean hasNext() {
            if (buffered.isEmpty() && !exhausted) {
                fetch();
            }
            return !buffered.isEmpty();
        }

        Block peek() {
            return hasNext() ? buffered.peekFirst() : null;
        }

        Block next() {
            hasNext();
            return buffered.removeFirst();
        }

        /**
         * The next chunk: blocks with {@code last_at} at or before the previous chunk's oldest, skipping those already
         * read at exactly that time. Every block spans less than an hour, so {@code last_at < until + 1h} bounds the
         * index range.
         */
        private void fetch() {
            StringBuilder sql = new StringBuilder("SELECT id, last_at, events FROM activity_blocks WHERE pass_id = ?");
            filter.from().ifPresent(from -> sql.append(" AND last_at >= ?"));
            filter.until().ifPresent(until -> sql.append(" AND last_at < ? AND first_at < ?"));
            if (boundary != null) {
                sql.append(" AND last_at <= ?");
            }
            // pass_id in the ORDER BY lets H2 read the index backwards instead of sorting every block in range; id
            // orders blocks that end at the same instant, newest written first, as the events in them are ordered.
            sql.append(" ORDER BY pass_id DESC, last_at DESC, id DESC LIMIT ").append(chunk + seenAtBoundary.size());
            List<Block> rows = new ArrayList<>();
            try (PreparedStatement query = handle.getConnection().prepareStatement(sql.toString())) {
                int i = 1;
                query.setString(i++, filter.passId().value());
                if (filter.from().isPresent()) {
                    Sql.setUtc(query, i++, filter.from().get());
                }
                if (filter.until().isPresent()) {
                    Sql.setUtc(query, i++, filter.until().get().plus(Duration.ofHours(1)));
                    Sql.setUtc(query, i++, filter.until().get());
                }
                if (boundary != null) {
                    Sql.setUtc(query, i, boundary);
                }
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Block(result.getLong(1), Sql.instant(result, "last_at"), result.getBytes(3)));
                    }
                }
            } catch (SQLException failure) {
                throw new StorageException("cannot read activity: " + Redaction.rootMessage(failure), failure);
            }
            int limit = chunk + seenAtBoundary.size();
            exhausted = rows.size() < limit;
            for (Block row : rows) {
                if (row.lastAt().equals(boundary) && seenAtBoundary.contains(row.id())) {
                    continue;
                }
                buffered.addLast(row);
            }
            if (!rows.isEmpty()) {
                Instant oldest = rows.get(rows.size() - 1).lastAt();
                if (!oldest.equals(boundary)) {
                    seenAtBoundary.clear();
                }
                boundary = oldest;
                rows.stream().filter(row -> row.lastAt().equals(oldest)).forEach(row -> seenAtBoundary.add(row.id()));
            }
            if (!exhausted && buffered.isEmpty()) {
                chunk = Math.min(MAX_CHUNK * 4, chunk * 2);
                fetch();
                return;
            }
            chunk = Math.min(MAX_CHUNK, chunk * 2);
        }
    }

    /**
     * The matching events, newest first: blocks are decoded in order of their newest event, and an event is returned
     * only once no unread block can hold a newer one (an unread block's events are no newer than its {@code last_at},
     * and among events of one instant a block written later holds the newer ones). So a page decodes only the blocks
     * it needs, a block (at most 1,000 events) at a time, even when thousands of events share one instant: deciding
     * ties by time alone once decoded every such block for a page of 25 and ran a 512 MiB heap out of memory.
     */
    private final class Matches {
        private final ActivityFilter filter;
        private final BlockReader blocks;
        private final PriorityQueue<ActivityBlocks.Stored> ready = new PriorityQueue<>(NEWEST_FIRST);

        Matches(ActivityFilter filter) {
            this.filter = filter;
            this.blocks = new BlockReader(filter);
        }

        boolean hasNext() {
            while (blocks.hasNext() && (ready.isEmpty() || mayHoldNewer(blocks.peek(), ready.peek()))) {
                Block block = blocks.next();
                ActivityBlocks.decode(filter.passId(), block.events(),
                        (type, at, success) -> filter.type().map(wanted -> wanted == type).orElse(true)
                                && filter.success().map(wanted -> wanted == success).orElse(true)
                                && filter.from().map(start -> !at.isBefore(start)).orElse(true)
                                && filter.until().map(end -> at.isBefore(end)).orElse(true),
                        (event, position) -> {
                            if (filter.matches(event)) {
                                ready.add(new ActivityBlocks.Stored(event, block.id(), position));
                            }
                        });
            }
            return !ready.isEmpty();
        }

        ActivityEvent next() {
            hasNext();
            return ready.poll().event();
        }

        /** Whether the unread block may hold an event that sorts before {@code first}. */
        private boolean mayHoldNewer(Block unread, ActivityBlocks.Stored first) {
            Instant at = first.event().startedAt();
            return unread.lastAt().isAfter(at) || unread.lastAt().equals(at) && unread.id() > first.blockId();
        }
    }
}

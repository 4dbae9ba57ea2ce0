package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How activity events are stored: packed into blocks, one row of {@code activity_blocks} per pass and UTC hour of a
 * written batch (at most {@value #MAX_EVENTS_PER_BLOCK} events, about {@value #MAX_BLOCK_BYTES} bytes), and counted per
 * pass, hour, type and success in {@code activity_counts} in the same transaction. A row per event with its indexes
 * cost H2 25–40 µs of CPU per event; a block costs that once for dozens of events, which is what lets ingest keep up
 * with 50,000 events/s while every commit is still written to the file before it returns.
 *
 * <p>Every event of a block starts in the same UTC hour ({@code [hour, hour + 1h)}), so {@code first_at}/{@code last_at}
 * bound it tightly and range queries can use the {@code (pass_id, last_at)} index. Within a block, events keep their
 * append order; block ids grow with appends, so (started_at, block id, position) orders events as appended.
 */
public final class ActivityBlocks {

    static final int MAX_EVENTS_PER_BLOCK = 1_000;
    static final int MAX_BLOCK_BYTES = 512 * 1024;
    /**
     * 3 adds who reported each event after its attempts; 2 added the attempts after the metadata. Blocks of formats 1
     * (one attempt each) and 2 (reported by no one) are still read.
     */
    private static final int FORMAT = 3;
    private static final int FORMAT_WITHOUT_REPORTER = 2;
    private static final int FORMAT_WITHOUT_ATTEMPTS = 1;

    private static final String INSERT_BLOCK = "INSERT INTO activity_blocks (pass_id, first_at, last_at, event_count, events) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_COUNT = "UPDATE activity_counts SET event_count = event_count + ? "
            + "WHERE pass_id = ? AND hour_start = ? AND event_type = ? AND success = ?";
    private static final String INSERT_COUNT = "INSERT INTO activity_counts (event_count, pass_id, hour_start, event_type, success) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String POSTGRES_UPSERT_COUNT = INSERT_COUNT + " ON CONFLICT (pass_id, hour_start, event_type, success) "
            + "DO UPDATE SET event_count = activity_counts.event_count + EXCLUDED.event_count";

    private ActivityBlocks() {
    }

    /** One decoded event with its place in append order. */
    record Stored(ActivityEvent event, long blockId, int position) {
    }

    /** The key of one row of {@code activity_counts}. */
    record CountKey(String passId, Instant hour, String type, boolean success) {
    }

    /** Writes the events as blocks and adds them to the counts; one JDBC batch each. */
    public static void append(Connection connection, Dialect dialect, List<ActivityEvent> events) throws SQLException {
        Map<String, List<ActivityEvent>> byPassAndHour = new LinkedHashMap<>();
        Map<CountKey, Long> counts = new LinkedHashMap<>();
        for (ActivityEvent event : events) {
            Instant hour = event.startedAt().truncatedTo(ChronoUnit.HOURS);
            byPassAndHour.computeIfAbsent(event.passId().value() + '@' + hour, key -> new ArrayList<>()).add(event);
            counts.merge(new CountKey(event.passId().value(), hour, event.type().code(), event.success()), 1L, Long::sum);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BLOCK)) {
            for (List<ActivityEvent> group : byPassAndHour.values()) {
                int from = 0;
                while (from < group.size()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8_192);
                    DataOutputStream out = new DataOutputStream(bytes);
                    out.writeByte(FORMAT);
                    Instant first = null;
                    Instant last = null;
                    int to = from;
                    while (to < group.size() && to - from < MAX_EVENTS_PER_BLOCK && bytes.size() < MAX_BLOCK_BYTES) {
                        ActivityEvent event = group.get(to++);
                        write(out, event);
                        first = first == null || event.startedAt().isBefore(first) ? event.startedAt() : first;
                        last = last == null || event.startedAt().isAfter(last) ? event.startedAt() : last;
                    }
                    out.flush();
                    insert.setString(1, group.get(from).passId().value());
                    Sql.setUtc(insert, 2, first);
                    Sql.setUtc(insert, 3, last);
                    insert.setInt(4, to - from);
                    insert.setBytes(5, bytes.toByteArray());
                    insert.addBatch();
                    from = to;
                }
            }
            insert.executeBatch();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        addCounts(connection, dialect, counts);
    }

    /**
     * Adds to {@code activity_counts}: PostgreSQL upserts; H2 updates in one batch, inserts the rows that were missing,
     * and updates again if a concurrent writer inserted one first.
     */
    static void addCounts(Connection connection, Dialect dialect, Map<CountKey, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            try (PreparedStatement upsert = connection.prepareStatement(POSTGRES_UPSERT_COUNT)) {
                for (Map.Entry<CountKey, Long> count : counts.entrySet()) {
                    bindCount(upsert, count.getKey(), count.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return;
        }
        List<Map.Entry<CountKey, Long>> entries = new ArrayList<>(counts.entrySet());
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(UPDATE_COUNT)) {
            for (Map.Entry<CountKey, Long> count : entries) {
                bindCount(update, count.getKey(), count.getValue());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                insertCountOnH2(connection, entries.get(i).getKey(), entries.get(i).getValue());
            }
        }
    }

    private static void insertCountOnH2(Connection connection, CountKey key, long value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_COUNT)) {
            bindCount(insert, key, value);
            insert.executeUpdate();
        } catch (SQLException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE_COUNT)) {
                bindCount(update, key, value);
                update.executeUpdate();
            }
        }
    }

    private static void bindCount(PreparedStatement statement, CountKey key, long value) throws SQLException {
        statement.setLong(1, value);
        statement.setString(2, key.passId());
        Sql.setUtc(statement, 3, key.hour());
        statement.setString(4, key.type());
        statement.setBoolean(5, key.success());
    }

    static byte[] encode(List<ActivityEvent> events) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            for (ActivityEvent event : events) {
                write(out, event);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Type, time and success first, so counting can skip the rest of each event. */
    private static void write(DataOutputStream out, ActivityEvent event) throws IOException {
        out.writeByte(typeCode(event.type()));
        out.writeLong(event.startedAt().getEpochSecond());
        out.writeInt(event.startedAt().getNano());
        out.writeBoolean(event.success());
        out.writeShort(event.statusCode());
        out.writeInt((int) event.durationMs());
        out.writeUTF(event.endpoint());
        out.writeUTF(event.httpMethod());
        writeOptional(out, event.clientIp());
        writeOptional(out, event.userAgent());
        writeOptional(out, event.errorMessage());
        out.writeUTF(event.metadataJson());
        out.writeInt(event.attempts());
        writeOptional(out, event.reportedBy());
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    /** Every event of a block, in append order. */
    static List<ActivityEvent> decode(PassId passId, byte[] block) {
        List<ActivityEvent> events = new ArrayList<>();
        decode(passId, block, (type, at, success) -> true, (event, position) -> events.add(event));
        return events;
    }

    /** Which events to build, judged on what is read first. */
    interface HeadFilter {
        boolean wants(ActivityType type, Instant at, boolean success);
    }

    interface EventSink {
        void accept(ActivityEvent event, int position);
    }

    /** The events whose head passes {@code filter}, with their position in the block; the others are skipped unread. */
    static void decode(PassId passId, byte[] block, HeadFilter filter, EventSink sink) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(block));
            int format = format(in);
            for (int position = 0; in.available() > 0; position++) {
                ActivityType type = type(in.readByte());
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                boolean success = in.readBoolean();
                if (!filter.wants(type, at, success)) {
                    skipRest(in, format);
                    continue;
                }
                int status = in.readShort();
                long duration = in.readInt();
                String endpoint = in.readUTF();
                String method = in.readUTF();
                Optional<String> clientIp = readOptional(in);
                Optional<String> userAgent = readOptional(in);
                Optional<String> error = readOptional(in);
                String metadata = in.readUTF();
                int attempts = format == FORMAT_WITHOUT_ATTEMPTS ? 1 : in.readInt();
                Optional<String> reporter = format == FORMAT ? readOptional(in) : Optional.empty();
                sink.accept(new ActivityEvent(passId, type, at, endpoint, method, success, status, duration, clientIp,
                        userAgent, error, metadata, attempts, reporter), position);
            }
        } catch (IOException corrupt) {
            throw new StorageException("an activity block cannot be read: " + corrupt.getMessage(), corrupt);
        }
    }

    /** What counting needs of one event, read without building strings for the fields it skips. */
    interface CountSink {
        void accept(ActivityType type, long epochSecond, int nano, boolean success);
    }

    static void scanHeaders(byte[] block, CountSink sink) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(block));
            int format = format(in);
            while (in.available() > 0) {
                ActivityType type = type(in.readByte());
                long seconds = in.readLong();
                int nano = in.readInt();
                boolean success = in.readBoolean();
                skipRest(in, format);
                sink.accept(type, seconds, nano, success);
            }
        } catch (IOException corrupt) {
            throw new StorageException("an activity block cannot be read: " + corrupt.getMessage(), corrupt);
        }
    }

    private static void skipRest(DataInputStream in, int format) throws IOException {
        in.skipBytes(2 + 4);
        skipUtf(in);
        skipUtf(in);
        skipOptional(in);
        skipOptional(in);
        skipOptional(in);
        skipUtf(in);
        if (format != FORMAT_WITHOUT_ATTEMPTS) {
            in.skipBytes(4);
        }
        if (format == FORMAT) {
            skipOptional(in);
        }
    }

    private static int format(DataInputStream in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT && format != FORMAT_WITHOUT_REPORTER && format != FORMAT_WITHOUT_ATTEMPTS) {
            throw new IOException("unknown block format " + format);
        }
        return format;
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static void skipOptional(DataInputStream in) throws IOException {
        if (in.readBoolean()) {
            skipUtf(in);
        }
    }

    private static void skipUtf(DataInputStream in) throws IOException {
        in.skipBytes(in.readUnsignedShort());
    }

    private static int typeCode(ActivityType type) {
        return switch (type) {
            case API_REQUEST -> 0;
            case TOKEN_GENERATION -> 1;
            case ERROR -> 2;
        };
    }

    private static ActivityType type(byte code) throws IOException {
        return switch (code) {
            case 0 -> ActivityType.API_REQUEST;
            case 1 -> ActivityType.TOKEN_GENERATION;
            case 2 -> ActivityType.ERROR;
            default -> throw new IOException("unknown event type code " + code);
        };
    }
}

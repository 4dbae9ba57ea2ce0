package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.domain.activity.LatencyHistogram;
import dev.sentinel.core.port.out.UsageRollups;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Hourly rollups in {@code usage_hourly} (counts, latency sum, histogram buckets {@code b00..b24}) and their distinct
 * endpoints in {@code usage_hourly_endpoints}, at most {@link HourlyUsage#MAX_ENDPOINTS} by name and one
 * {@link HourlyUsage#OTHER_ENDPOINTS} row an hour. Adding increments in SQL, so concurrent writers never lose counts:
 * PostgreSQL upserts with {@code ON CONFLICT}; H2 updates, inserts when there was no row, and updates again if a
 * concurrent writer inserted it first (H2 keeps the transaction usable after a failed statement).
 */
final class JdbiUsageRollupsAdapter implements UsageRollups {

    private static final List<String> BUCKETS = IntStream.range(0, LatencyHistogram.BUCKETS)
            .mapToObj(i -> String.format("b%02d", i)).toList();
    private static final List<String> COUNTERS = concat(List.of("total_count", "success_count", "error_count",
            "latency_sum_ms"), BUCKETS);
    private static final String INSERT = "INSERT INTO usage_hourly (pass_id, hour_start, " + String.join(", ", COUNTERS)
            + ") VALUES (:passId, :hour, " + COUNTERS.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")";
    private static final String UPDATE = "UPDATE usage_hourly SET "
            + COUNTERS.stream().map(c -> c + " = " + c + " + :" + c).collect(Collectors.joining(", "))
            + " WHERE pass_id = :passId AND hour_start = :hour";
    private static final String POSTGRES_UPSERT = INSERT + " ON CONFLICT (pass_id, hour_start) DO UPDATE SET "
            + COUNTERS.stream().map(c -> c + " = usage_hourly." + c + " + EXCLUDED." + c).collect(Collectors.joining(", "));

    private final Handle handle;
    private final Dialect dialect;

    JdbiUsageRollupsAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    /**
     * One statement batch for the counters, and only the endpoints not yet recorded for their hour are inserted (one
     * query per pass reads the known ones), so a batch costs a handful of statements however many events it holds.
     */
    @Override
    public void add(List<ActivityEvent> events) {
        List<HourlyUsage> rollups = HourlyUsage.rollUp(events);
        if (rollups.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            PreparedBatch upsert = handle.prepareBatch(POSTGRES_UPSERT);
            rollups.forEach(rollup -> bindCounters(upsert, rollup).add());
            upsert.execute();
        } else {
            addOnH2(rollups);
        }
        addEndpoints(rollups);
    }

    @Override
    public List<HourlyUsage> find(PassId passId, Instant from, Instant until) {
        Map<Instant, Set<String>> endpoints = endpoints(passId, from, until);
        return handle.createQuery("SELECT hour_start, " + String.join(", ", COUNTERS) + " FROM usage_hourly "
                        + "WHERE pass_id = :passId AND hour_start >= :from AND hour_start < :until ORDER BY hour_start")
                .bind("passId", passId.value())
                .bind("from", Sql.utc(from))
                .bind("until", Sql.utc(until))
                .map((row, context) -> map(passId, row, endpoints))
                .list();
    }

    @Override
    public void deleteByPass(PassId passId) {
        handle.createUpdate("DELETE FROM usage_hourly_endpoints WHERE pass_id = :passId").bind("passId", passId.value()).execute();
        handle.createUpdate("DELETE FROM usage_hourly WHERE pass_id = :passId").bind("passId", passId.value()).execute();
    }


    private void addOnH2(List<HourlyUsage> rollups) {
        PreparedBatch update = handle.prepareBatch(UPDATE);
        rollups.forEach(rollup -> bindCounters(update, rollup).add());
        int[] updated = update.execute();
        for (int i = 0; i < rollups.size(); i++) {
            if (updated[i] == 0) {
                insertOnH2(rollups.get(i));
            }
        }
    }

    private void insertOnH2(HourlyUsage rollup) {
        try {
            bindCounters(handle.createUpdate(INSERT), rollup).execute();
        } catch (RuntimeException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
            bindCounters(handle.createUpdate(UPDATE), rollup).execute();
        }
    }

    private record EndpointRow(String passId, Instant hour, String key, String endpoint) {
    }

    private void addEndpoints(List<HourlyUsage> rollups) {
        Map<String, List<HourlyUsage>> byPass = new LinkedHashMap<>();
        rollups.forEach(rollup -> byPass.computeIfAbsent(rollup.passId().value(), pass -> new ArrayList<>()).add(rollup));
        List<EndpointRow> missing = new ArrayList<>();
        for (Map.Entry<String, List<HourlyUsage>> pass : byPass.entrySet()) {
            Instant first = pass.getValue().stream().map(HourlyUsage::hour).min(Instant::compareTo).orElseThrow();
            Instant last = pass.getValue().stream().map(HourlyUsage::hour).max(Instant::compareTo).orElseThrow();
            Map<Instant, Set<String>> known = new HashMap<>();
            handle.createQuery("SELECT hour_start, endpoint FROM usage_hourly_endpoints "
                            + "WHERE pass_id = :passId AND hour_start >= :first AND hour_start <= :last")
                    .bind("passId", pass.getKey())
                    .bind("first", Sql.utc(first))
                    .bind("last", Sql.utc(last))
                    .map((row, context) -> Map.entry(Sql.instant(row, "hour_start"), row.getString("endpoint")))
                    .forEach(row -> known.computeIfAbsent(row.getKey(), hour -> new HashSet<>()).add(row.getValue()));
            for (HourlyUsage rollup : pass.getValue()) {
                // the writer holds the pass's row lock (ActivityWrites), so no other one adds to this hour meanwhile
                for (String endpoint : HourlyUsage.endpointsToAdd(known.getOrDefault(rollup.hour(), Set.of()),
                        rollup.endpoints())) {
                    missing.add(new EndpointRow(pass.getKey(), rollup.hour(), sha256(endpoint), endpoint));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            insertEndpoints(missing, "INSERT INTO usage_hourly_endpoints (pass_id, hour_start, endpoint_key, endpoint) "
                    + "VALUES (:passId, :hour, :key, :endpoint) ON CONFLICT DO NOTHING");
            return;
        }
        try {
            insertEndpoints(missing, "INSERT INTO usage_hourly_endpoints (pass_id, hour_start, endpoint_key, endpoint) "
                    + "VALUES (:passId, :hour, :key, :endpoint)");
        } catch (RuntimeException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
            // A concurrent writer recorded some of them first (H2 keeps the transaction usable): merge them one by one.
            insertEndpoints(missing, "MERGE INTO usage_hourly_endpoints (pass_id, hour_start, endpoint_key, endpoint) "
                    + "KEY (pass_id, hour_start, endpoint_key) VALUES (:passId, :hour, :key, :endpoint)");
        }
    }

    private void insertEndpoints(List<EndpointRow> rows, String sql) {
        PreparedBatch batch = handle.prepareBatch(sql);
        for (EndpointRow row : rows) {
            batch.bind("passId", row.passId())
                    .bind("hour", Sql.utc(row.hour()))
                    .bind("key", row.key())
                    .bind("endpoint", row.endpoint())
                    .add();
        }
        batch.execute();
    }

    /** Plain JDBC: a 30-day view reads hundreds of rows per hour here, and mapping each through JDBI cost more than the query. */
    private Map<Instant, Set<String>> endpoints(PassId passId, Instant from, Instant until) {
        Map<Instant, Set<String>> byHour = new HashMap<>();
        try (java.sql.PreparedStatement query = handle.getConnection().prepareStatement("SELECT hour_start, endpoint "
                + "FROM usage_hourly_endpoints WHERE pass_id = ? AND hour_start >= ? AND hour_start < ?")) {
            query.setString(1, passId.value());
            Sql.setUtc(query, 2, from);
            Sql.setUtc(query, 3, until);
            try (ResultSet row = query.executeQuery()) {
                Set<String> current = null;
                java.time.OffsetDateTime currentHour = null;
                while (row.next()) {
                    java.time.OffsetDateTime hour = row.getObject(1, java.time.OffsetDateTime.class);
                    if (!hour.equals(currentHour)) {
                        currentHour = hour;
                        current = byHour.computeIfAbsent(hour.toInstant(), key -> new HashSet<>());
                    }
                    current.add(row.getString(2));
                }
            }
        } catch (SQLException failure) {
            throw new dev.sentinel.core.domain.StorageException("cannot read usage: " + Redaction.rootMessage(failure), failure);
        }
        return byHour;
    }

    private static <S extends SqlStatement<S>> S bindCounters(S statement, HourlyUsage rollup) {
        statement.bind("passId", rollup.passId().value())
                .bind("hour", Sql.utc(rollup.hour()))
                .bind("total_count", rollup.total())
                .bind("success_count", rollup.successes())
                .bind("error_count", rollup.errors())
                .bind("latency_sum_ms", rollup.latencySumMs());
        long[] counts = rollup.histogram().counts();
        for (int i = 0; i < counts.length; i++) {
            statement.bind(BUCKETS.get(i), counts[i]);
        }
        return statement;
    }

    private static HourlyUsage map(PassId passId, ResultSet row, Map<Instant, Set<String>> endpoints) throws SQLException {
        Instant hour = Sql.instant(row, "hour_start");
        long[] counts = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = row.getLong(BUCKETS.get(i));
        }
        return new HourlyUsage(passId, hour, row.getLong("total_count"), row.getLong("success_count"),
                row.getLong("error_count"), row.getLong("latency_sum_ms"), LatencyHistogram.of(counts),
                endpoints.getOrDefault(hour, Set.of()));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}

package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The activity benchmark behind {@code bench/activity.sh} (not a test). {@code ingest}: sustained ingest through the
 * real recording path (producer threads → {@link BatchingActivityRecorder} → {@link StoringActivityRecorder} →
 * {@link JdbiStorage}) into a fresh database, then checks that every event sent is stored. Settings are system
 * properties: {@code seconds} (30), {@code producers} (4), {@code batch} (recorder batch size), {@code capacity}
 * (recorder buffer), {@code passes} (50).
 */
public final class ActivityBenchmark {

    private static final int SECONDS = Integer.getInteger("seconds", 30);
    private static final int PRODUCERS = Integer.getInteger("producers", 4);
    private static final int BATCH = Integer.getInteger("batch", 10_000);
    private static final int CAPACITY = Integer.getInteger("capacity", 100_000);
    private static final int PASSES = Integer.getInteger("passes", 50);
    private static final String[] ENDPOINTS = {"/v1/orders", "/v1/orders/{id}", "/v1/customers", "/v1/customers/{id}",
            "/v1/invoices", "/v1/invoices/{id}/pdf", "/v1/payments", "/v1/refunds", "/v1/products", "/v1/stock",
            "/v1/shipments", "/v1/shipments/{id}/track", "/v1/users/me", "/v1/reports/daily", "/v1/search",
            "/v1/webhooks", "/v1/coupons", "/v1/carts", "/v1/carts/{id}/checkout", "/v1/health"};

    private ActivityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "ingest";
        if (mode.equals("writer")) {
            Path dir = Files.createTempDirectory("sentinel-activity-bench");
            String url = System.getProperty("h2url");
            DatabaseConfig h2 = url == null ? DatabaseConfig.h2(dir)
                    : DatabaseConfig.fromOptions(null, url.replace("DIR", dir.toString()), "sa", "");
            writer(h2);
        } else if (mode.equals("queries")) {
            Path dir = Files.createTempDirectory("sentinel-activity-bench");
            queries("H2 (file, " + dir + ")", DatabaseConfig.h2(dir));
            String pgUrl = System.getenv("SENTINEL_BENCH_PG_URL");
            if (pgUrl != null && !pgUrl.isBlank() && Boolean.getBoolean("queries.pg")) {
                TestDatabases.PostgresSchema schema = TestDatabases.PostgresSchema.create(pgUrl,
                        System.getenv("SENTINEL_BENCH_PG_USER"), System.getenv("SENTINEL_BENCH_PG_PASSWORD"));
                try {
                    queries("PostgreSQL (" + Redaction.url(pgUrl) + ")", schema.config());
                } finally {
                    schema.close();
                }
            }
        } else if (mode.equals("ingest")) {
            Path dir = Files.createTempDirectory("sentinel-activity-bench");
            String url = System.getProperty("h2url");
            DatabaseConfig h2 = url == null ? DatabaseConfig.h2(dir)
                    : DatabaseConfig.fromOptions(null, url.replace("DIR", dir.toString()), "sa", "");
            ingest("H2 (file, " + dir + ")", h2);
            String pgUrl = System.getenv("SENTINEL_BENCH_PG_URL");
            if (pgUrl != null && !pgUrl.isBlank()) {
                TestDatabases.PostgresSchema schema = TestDatabases.PostgresSchema.create(pgUrl,
                        System.getenv("SENTINEL_BENCH_PG_USER"), System.getenv("SENTINEL_BENCH_PG_PASSWORD"));
                try {
                    ingest("PostgreSQL (" + Redaction.url(pgUrl) + ")", schema.config());
                } finally {
                    schema.close();
                }
            }
        } else {
            throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static final int QUERY_EVENTS = Integer.getInteger("events", 10_000_000);
    static final int QUERY_DAYS = Integer.getInteger("days", 90);
    static final int RUNS = Integer.getInteger("runs", 200);

    /**
     * One pass with {@code events} (10,000,000) events over the last {@code days} (90) days, loaded through the adapters
     * in transactions of 10,000 events written as blocks of 200 (about what a 10,000-event recorder batch spread over
     * 50 busy passes gives); then p50/p95 of the 30-day usage query, filtered activity pages and a 10,000-record export,
     * through core's services.
     */
    static void queries(String name, DatabaseConfig config) {
        System.out.printf("== queries on %s: %,d events over %d days on one pass%n", name, QUERY_EVENTS, QUERY_DAYS);
        PassId pass = passId(7);
        Instant now = Instant.now();
        Instant first = now.minus(Duration.ofDays(QUERY_DAYS));
        try (JdbiStorage storage = JdbiStorage.open(config)) {
            seedPass(storage, pass);
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(3);
            long spanMillis = Duration.between(first, now).toMillis();
            int perTransaction = 10_000;
            for (int done = 0; done < QUERY_EVENTS; done += perTransaction) {
                List<ActivityEvent> events = new ArrayList<>(perTransaction);
                for (int i = 0; i < perTransaction && done + i < QUERY_EVENTS; i++) {
                    long offset = (done + i) * spanMillis / QUERY_EVENTS;
                    events.add(event(random, pass, first.plusMillis(offset)));
                }
                storage.inTransaction(session -> {
                    for (int from = 0; from < events.size(); from += 200) {
                        session.activity().append(events.subList(from, Math.min(events.size(), from + 200)));
                    }
                    session.usage().add(events);
                    return null;
                });
            }
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long stored = storage.read((StorageSession session) -> session.activity().count(ActivityFilter.all(pass)));
            System.out.printf("loaded %,d events in %.0f s (%,.0f events/s), stored %,d%s%n", QUERY_EVENTS, loadSeconds,
                    QUERY_EVENTS / loadSeconds, stored, config.dataDir().map(dir -> {
                        try {
                            return String.format(", H2 file %,d MB", Files.size(dir.resolve("sentinel.mv.db")) >> 20);
                        } catch (java.io.IOException unknown) {
                            return "";
                        }
                    }).orElse(""));
            var usage = new dev.sentinel.core.application.analytics.UsageService(storage, java.time.Clock.systemUTC());
            var activity = new dev.sentinel.core.application.analytics.ActivityService(storage);
            time("usage 30d (rollups)", () -> usage.usage(pass, dev.sentinel.core.application.analytics.UsageRange.LAST_30_DAYS).metrics().totalRequests());
            time("usage 24h (rollups)", () -> usage.usage(pass, dev.sentinel.core.application.analytics.UsageRange.LAST_24_HOURS).metrics().totalRequests());
            var errorsByDate = dev.sentinel.core.application.analytics.ActivityRequests.filter(pass, "error", "failed", null,
                    java.time.LocalDate.ofInstant(now.minus(Duration.ofDays(30)), java.time.ZoneOffset.UTC).toString(),
                    java.time.LocalDate.ofInstant(now.minus(Duration.ofDays(2)), java.time.ZoneOffset.UTC).toString());
            var page1 = new dev.sentinel.core.domain.activity.PageRequest(1, 25);
            time("page 1, type=error status=failed, 29 whole days", () -> activity.page(errorsByDate, page1).total());
            var errorsMidHour = new ActivityFilter(pass, Optional.of(ActivityType.ERROR), Optional.of(false), Optional.empty(),
                    Optional.of(now.minus(Duration.ofDays(30)).minusSeconds(1_234)), Optional.of(now.minus(Duration.ofDays(2)).plusSeconds(987)));
            time("page 1, type=error status=failed, range with partial edge hours", () -> activity.page(errorsMidHour, page1).total());
            time("page 20 (per_page 100), same filter", () -> activity.page(errorsMidHour,
                    new dev.sentinel.core.domain.activity.PageRequest(20, 100)).total());
            var all = ActivityFilter.all(pass);
            time("page 1, no filter (10M match)", () -> activity.page(all, page1).total());
            var endpoint = new ActivityFilter(pass, Optional.empty(), Optional.empty(), Optional.of("INVOICES/{id}"),
                    Optional.empty(), Optional.empty());
            time("page 1, endpoint contains 'invoices/{id}', no range (total estimated)", () -> activity.page(endpoint, page1).total());
            var endpointDay = new ActivityFilter(pass, Optional.of(ActivityType.ERROR), Optional.empty(), Optional.of("invoices"),
                    Optional.of(now.minus(Duration.ofDays(1))), Optional.of(now));
            time("page 1, type=error + endpoint 'invoices', last 24 h (total estimated)", () -> activity.page(endpointDay, page1).total());
            var tokens = new ActivityFilter(pass, Optional.of(ActivityType.TOKEN_GENERATION), Optional.empty(), Optional.empty(),
                    Optional.of(now.minus(Duration.ofDays(10)).minus(Duration.ofHours(21))), Optional.of(now.minus(Duration.ofDays(10))));
            System.out.printf("export filter matches %,d%n", activity.count(tokens));
            time("export ~10,000 (token_generation, 21 h), to CSV lines", () -> {
                StringBuilder csv = new StringBuilder(2_000_000);
                long written = activity.export(tokens, dev.sentinel.core.application.analytics.ActivityService.EXPORT_LIMIT,
                        event -> csv.append(event.startedAt()).append(',').append(event.type().code()).append(',')
                                .append(event.endpoint()).append(',').append(event.statusCode()).append(',')
                                .append(event.durationMs()).append(',').append(event.metadataJson()).append('\n'));
                return written;
            });
        }
    }

    private static void time(String label, java.util.function.LongSupplier query) {
        int runs = label.startsWith("export") ? Math.max(10, RUNS / 10) : RUNS;
        long answer = 0;
        for (int i = 0; i < Math.max(5, runs / 10); i++) {
            answer = query.getAsLong();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long before = System.nanoTime();
            answer = query.getAsLong();
            nanos[i] = System.nanoTime() - before;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("RESULT %-72s p50 %7.2f ms  p95 %7.2f ms  (%d runs, answer %,d)%n", label, nanos[runs / 2] / 1e6,
                nanos[(int) (runs * 0.95)] / 1e6, runs, answer);
    }

    private static void seedPass(JdbiStorage storage, PassId pass) {
        storage.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO agent_users VALUES ('spc_BENCHBENCHBENCHBENCHBENC', 'Bench Agent', 'bench', NULL, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            handle.execute("INSERT INTO agent_credentials VALUES ('spc_BENCHBENCHBENCHBENCHBENC', 0, ?, CURRENT_TIMESTAMP, NULL)",
                    "$sha256$" + "ab".repeat(32));
            handle.execute("INSERT INTO passes VALUES (?, 'bench', 'spc_BENCHBENCHBENCHBENCHBENC', 'standard', NULL, "
                    + "'automation_tool', DATE '2026-01-01', DATE '2027-01-01', 'read,write', '', 'api_key', "
                    + "'privately_visible', NULL, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", pass.value());
        });
    }

    /** One thread writing pre-built batches through StoringActivityRecorder: wall and CPU time per event. */
    static void writer(DatabaseConfig config) {
        int batches = Integer.getInteger("batches", 100);
        SplittableRandom random = new SplittableRandom(1);
        Instant base = Instant.now();
        List<List<ActivityEvent>> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<ActivityEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(event(random, passId(random.nextInt(PASSES)), base.plusMillis((long) b * 40 + i / 50 - random.nextInt(Integer.getInteger("jitter", 2_000) + 1))));
            }
            all.add(batch);
        }
        try (JdbiStorage storage = JdbiStorage.open(config)) {
            for (String drop : System.getProperty("drop", "").split(",")) {
                if (!drop.isBlank()) {
                    storage.jdbi().useHandle(handle -> handle.execute("DROP INDEX " + drop));
                }
            }
            StoringActivityRecorder store = new StoringActivityRecorder(storage);
            java.util.function.Consumer<List<ActivityEvent>> sink = "append".equals(System.getProperty("sink"))
                    ? events -> storage.inTransaction(session -> {
                        session.activity().append(events);
                        return null;
                    }) : store::recordAll;
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            int warm = Math.min(10, batches / 5);
            all.subList(0, warm).forEach(sink);
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            all.subList(warm, batches).forEach(sink);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            long events = (long) (batches - warm) * BATCH;
            System.out.printf("RESULT writer batch %,d: %,d events, %,.0f events/s wall, %,.0f events/s of writer CPU%n",
                    BATCH, events, events / wall, events / cpuSeconds);
        }
    }

    /** Producers record as fast as the recorder's buffer takes them, backing off (never dropping) when it is full. */
    static void ingest(String name, DatabaseConfig config) throws Exception {
        System.out.printf("== ingest into %s: %d producers, recorder batch %,d, buffer %,d, %d passes, %d s%n",
                name, PRODUCERS, BATCH, CAPACITY, PASSES, SECONDS);
        try (JdbiStorage storage = JdbiStorage.open(config)) {
            for (String drop : System.getProperty("drop", "").split(",")) {
                if (!drop.isBlank()) {
                    storage.jdbi().useHandle(handle -> handle.execute("DROP INDEX " + drop));
                }
            }
            StoringActivityRecorder store = new StoringActivityRecorder(storage);
            BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(
                    "append".equals(System.getProperty("sink")) ? events -> storage.inTransaction(session -> {
                        session.activity().append(events);
                        return null;
                    }) : store::recordAll)
                    .batchSize(BATCH).capacity(CAPACITY).flushInterval(Duration.ofMillis(200)).start();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            Instant base = Instant.now();
            long start = System.nanoTime();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                long seed = p;
                Thread producer = new Thread(() -> produce(recorder, running, sent, base, start, seed), "producer-" + p);
                producer.start();
                producers.add(producer);
            }
            long lastWritten = 0;
            long lastTick = start;
            for (int s = 1; s <= SECONDS; s++) {
                Thread.sleep(Math.max(0, start + s * 1_000_000_000L - System.nanoTime()) / 1_000_000);
                long now = System.nanoTime();
                RecorderStats stats = recorder.stats();
                if (s % 5 == 0) {
                    System.out.printf("  %3d s: written %,d (%,.0f/s in the last interval), queued %,d, rejected %,d%n",
                            s, stats.written(), (stats.written() - lastWritten) / ((now - lastTick) / 1e9),
                            stats.queued(), stats.rejected());
                    lastWritten = stats.written();
                    lastTick = now;
                }
            }
            running.set(false);
            for (Thread producer : producers) {
                producer.join();
            }
            boolean flushed = recorder.flush(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - start) / 1e9;
            RecorderStats stats = recorder.stats();
            recorder.close();
            long stored = 0;
            for (int p = 0; p < PASSES; p++) {
                PassId pass = passId(p);
                stored += storage.read((StorageSession session) -> session.activity().count(ActivityFilter.all(pass)));
            }
            long inBlocks = storage.jdbi().withHandle(handle ->
                    handle.createQuery("SELECT COALESCE(SUM(event_count), 0) FROM activity_blocks").mapTo(Long.class).one());
            long rolledUp = storage.jdbi().withHandle(handle ->
                    handle.createQuery("SELECT COALESCE(SUM(total_count), 0) FROM usage_hourly").mapTo(Long.class).one());
            System.out.printf("sent %,d, written %,d, stored %,d (counted), %,d (in blocks), in rollups %,d, rejected %,d, "
                    + "lost %,d, flushed %s%n", sent.get(), stats.written(), stored, inBlocks, rolledUp, stats.rejected(),
                    stats.lost(), flushed);
            System.out.printf("RESULT ingest %s: %,.0f events/s sustained over %.1f s (sent == stored: %s)%n", name,
                    stored / seconds, seconds, sent.get() == stored && stored == inBlocks && stored == rolledUp);
        }
    }

    private static void produce(BatchingActivityRecorder recorder, AtomicBoolean running, AtomicLong sent, Instant base,
                                long start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long mine = 0;
        while (running.get()) {
            if (recorder.stats().queued() > CAPACITY - 1_000) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            for (int i = 0; i < 100; i++) {
                Instant at = base.plusNanos(System.nanoTime() - start).minusMillis(random.nextInt(2_000));
                recorder.record(event(random, passId(random.nextInt(PASSES)), at));
            }
            mine += 100;
            sent.addAndGet(100);
        }
    }

    static ActivityEvent event(SplittableRandom random, PassId pass, Instant at) {
        int roll = random.nextInt(100);
        ActivityType type = roll < 85 ? ActivityType.API_REQUEST : roll < 95 ? ActivityType.TOKEN_GENERATION : ActivityType.ERROR;
        boolean success = type != ActivityType.ERROR && random.nextInt(50) != 0;
        int status = success ? 200 : type == ActivityType.ERROR ? 401 : 500;
        return new ActivityEvent(pass, type, at, ENDPOINTS[random.nextInt(ENDPOINTS.length)], "GET", success, status,
                random.nextInt(400), Optional.of("203.0.113." + random.nextInt(255)), Optional.of("bench-agent/1.0"),
                success ? Optional.empty() : Optional.of("invalid_token"),
                "{\"trace\":\"" + Long.toHexString(random.nextLong()) + "\"}");
    }

    static PassId passId(int index) {
        return new PassId(String.format("SP-2026-%06d", index));
    }
}

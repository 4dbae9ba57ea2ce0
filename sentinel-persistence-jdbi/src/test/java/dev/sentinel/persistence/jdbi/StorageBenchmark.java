package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The storage benchmark behind {@code bench/storage.sh} (not a test): client lookup by client id on a store of
 * {@value #PASSES} passes, and batched activity inserts, on an H2 file database and, when SENTINEL_BENCH_PG_URL is set
 * (user and password from SENTINEL_BENCH_PG_USER / SENTINEL_BENCH_PG_PASSWORD), on PostgreSQL.
 */
public final class StorageBenchmark {

    static final int PASSES = 100_000;
    private static final int LOOKUP_WARMUP = 20_000;
    private static final int LOOKUPS = 50_000;
    private static final int BATCH = 1_000;
    private static final int BATCHES = 200;
    private static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sentinel-bench");
        run("H2 (file, " + dir + ")", DatabaseConfig.h2(dir));
        String pgUrl = System.getenv("SENTINEL_BENCH_PG_URL");
        if (pgUrl != null && !pgUrl.isBlank()) {
            TestDatabases.PostgresSchema schema = TestDatabases.PostgresSchema.create(pgUrl,
                    System.getenv("SENTINEL_BENCH_PG_USER"), System.getenv("SENTINEL_BENCH_PG_PASSWORD"));
            try {
                run("PostgreSQL (" + Redaction.url(pgUrl) + ")", schema.config());
            } finally {
                schema.close();
            }
        }
    }

    private static void run(String name, DatabaseConfig config) throws SQLException {
        System.out.println("== " + name);
        try (JdbiStorage storage = JdbiStorage.open(config)) {
            List<ClientId> clients = seed(storage);
            lookups(storage, clients);
            inserts(storage, "append only          ", events -> storage.inTransaction(session -> {
                session.activity().append(events);
                return null;
            }));
            StoringActivityRecorder recorder = new StoringActivityRecorder(storage);
            inserts(storage, "append + hourly rollup", recorder::recordAll);
        }
    }

    /** Writes the passes with plain JDBC batches: setup, not measured. */
    private static List<ClientId> seed(JdbiStorage storage) throws SQLException {
        CredentialGenerator generator = CredentialGenerator.create();
        List<ClientId> clients = new ArrayList<>(PASSES);
        long start = System.nanoTime();
        OffsetDateTime now = HOUR.atOffset(ZoneOffset.UTC);
        try (Connection connection = storage.jdbi().open().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement agents = connection.prepareStatement("INSERT INTO agent_users VALUES (?, 'Bench Agent', 'bench', NULL, ?, ?)");
                 PreparedStatement credentials = connection.prepareStatement("INSERT INTO agent_credentials VALUES (?, 0, ?, ?, NULL)");
                 PreparedStatement passes = connection.prepareStatement("INSERT INTO passes VALUES (?, 'bench', ?, 'standard', NULL, "
                         + "'automation_tool', DATE '2026-01-01', DATE '2027-01-01', 'read,write', '', 'api_key', "
                         + "'privately_visible', NULL, 'active', ?, ?)")) {
                for (int i = 0; i < PASSES; i++) {
                    ClientId client = generator.newClientId();
                    clients.add(client);
                    agents.setString(1, client.value());
                    agents.setObject(2, now);
                    agents.setObject(3, now);
                    agents.addBatch();
                    credentials.setString(1, client.value());
                    credentials.setString(2, "$sha256$" + Integer.toHexString(i) + "0".repeat(40));
                    credentials.setObject(3, now);
                    credentials.addBatch();
                    passes.setString(1, String.format("SP-2026-%06d", i));
                    passes.setString(2, client.value());
                    passes.setObject(3, now);
                    passes.setObject(4, now);
                    passes.addBatch();
                    if (i % 5_000 == 4_999) {
                        agents.executeBatch();
                        credentials.executeBatch();
                        passes.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
        System.out.printf("seeded %,d passes in %.1f s%n", PASSES, (System.nanoTime() - start) / 1e9);
        return clients;
    }

    /** What authentication reads: the agent user with its credentials, then its pass. */
    private static void lookups(JdbiStorage storage, List<ClientId> clients) {
        Random random = new Random(42);
        for (int i = 0; i < LOOKUP_WARMUP; i++) {
            lookup(storage, clients.get(random.nextInt(clients.size())));
        }
        long[] nanos = new long[LOOKUPS];
        long start = System.nanoTime();
        for (int i = 0; i < LOOKUPS; i++) {
            ClientId client = clients.get(random.nextInt(clients.size()));
            long before = System.nanoTime();
            if (lookup(storage, client).isEmpty()) {
                throw new IllegalStateException("lost pass of " + client);
            }
            nanos[i] = System.nanoTime() - before;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("client lookup (agent user + credentials + pass), 1 thread, %,d lookups: p50 %.3f ms, "
                        + "p99 %.3f ms, %,.0f lookups/s%n", LOOKUPS, nanos[LOOKUPS / 2] / 1e6,
                nanos[(int) (LOOKUPS * 0.99)] / 1e6, LOOKUPS / seconds);
    }

    private static Optional<SentinelPass> lookup(JdbiStorage storage, ClientId client) {
        return storage.read((StorageSession session) -> session.agentUsers().find(client)
                .flatMap(agent -> session.passes().findByClientId(client).map(pass -> new SentinelPass(agent, pass))));
    }

    private static void inserts(JdbiStorage storage, String label, java.util.function.Consumer<List<ActivityEvent>> writer) {
        Random random = new Random(7);
        List<List<ActivityEvent>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES + 20; b++) {
            List<ActivityEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(new ActivityEvent(new PassId(String.format("SP-2026-%06d", random.nextInt(50))),
                        ActivityType.API_REQUEST, HOUR.plusMillis(random.nextInt(3_600_000)),
                        "/v1/orders/" + random.nextInt(20), "GET", random.nextInt(20) != 0, 200, random.nextInt(400),
                        Optional.of("203.0.113." + random.nextInt(255)), Optional.of("bench-agent/1.0"), Optional.empty(),
                        "{\"trace\":\"" + Long.toHexString(random.nextLong()) + "\"}"));
            }
            batches.add(batch);
        }
        batches.subList(0, 20).forEach(writer);
        long start = System.nanoTime();
        batches.subList(20, batches.size()).forEach(writer);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("activity insert, %s, batches of %,d, 1 writer: %,d events in %.2f s = %,.0f events/s%n",
                label, BATCH, BATCHES * BATCH, seconds, BATCHES * BATCH / seconds);
    }
}

package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.out.StorageSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness tells the truth: {@code isReachable()} turns false within a second of the store closing, its disk filling
 * or its server going away, and true again within seconds of the cause going away, without reopening the store.
 */
class StoreReadinessTest {

    private static final Duration ANSWER = Duration.ofSeconds(1);

    @TempDir
    Path tempDir;

    @Test
    void aClosedStoreIsNotReady() {
        JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(tempDir.resolve("store")));
        assertThat(storage.isReachable()).isTrue();

        storage.close();

        assertThat(answersWithin(ANSWER, storage::isReachable)).isFalse();
    }

    @Test
    void aFullDiskMakesTheStoreUnreadyAndFreeingSpaceMakesItReadyAgain() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small disk needs root");
        Path mount = Files.createDirectory(tempDir.resolve("small-disk"));
        Process mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mounted.waitFor() == 0, "cannot mount a tmpfs here: "
                + new String(mounted.getInputStream().readAllBytes()));
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(mount.resolve("data")))) {
            PassService passes = TestServices.passService(storage);
            PassId passId = passes.create(TestServices.aCreateCommand()).pass().passId();
            ActivityIngest ingest = new ActivityIngest(storage, java.time.Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"),
                    java.time.ZoneOffset.UTC), Duration.ofDays(90));
            Path filler = mount.resolve("filler");
            fill(filler);

            Throwable failed = null;
            for (int size : new int[] {200, 1}) { // big batches fail first; go on until even a one-event write does
                failed = null;
                for (int attempt = 0; attempt < 200 && failed == null; attempt++) {
                    failed = catchThrowable(() -> ingest.ingest(batch(passId, size)));
                }
            }
            assertThat(failed).as("a write fails on the full disk").isInstanceOf(StorageException.class);
            assertThat(answersWithin(ANSWER, storage::isReachable)).as("ready on a full disk").isFalse();

            Files.delete(filler);
            assertThat(becomesTrueWithin(Duration.ofSeconds(15), storage::isReachable)).as("ready after freeing space").isTrue();
            assertThat(ingest.ingest(batch(passId, 10))).isEqualTo(10);
            assertThat(storage.read((StorageSession session) -> session.passes().find(passId))).isPresent();
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    @Test
    void aPostgresOutageMakesTheStoreUnreadyAndItsReturnReadyAgain() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            URI server = URI.create(schema.url().substring("jdbc:".length()));
            try (LoopbackProxy proxy = LoopbackProxy.to(server.getHost(), server.getPort())) {
                String viaProxy = schema.config().jdbcUrl().replace(server.getHost() + ":" + server.getPort(),
                        "127.0.0.1:" + proxy.port());
                try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.postgres(viaProxy, schema.user(), schema.password()))) {
                    assertThat(storage.isReachable()).isTrue();

                    proxy.cut();
                    long started = System.nanoTime();
                    boolean ready = storage.isReachable();
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    assertThat(ready).as("ready while PostgreSQL is unreachable").isFalse();
                    assertThat(tookMillis).as("readiness answered in %d ms", tookMillis).isLessThan(ANSWER.toMillis());

                    proxy.restore();
                    assertThat(becomesTrueWithin(Duration.ofSeconds(20), storage::isReachable)).isTrue();
                }
            }
        }
    }

    private static List<ActivityEvent> batch(PassId passId, int size) {
        List<ActivityEvent> events = new ArrayList<>();
        String padding = Long.toHexString(System.nanoTime()).repeat(60);
        for (int i = 0; i < size; i++) {
            events.add(new ActivityEvent(passId, ActivityType.API_REQUEST, Instant.parse("2026-03-01T10:00:00Z").plusMillis(i),
                    "/v1/orders/" + i + "/" + padding, "GET", true, 200, 5, Optional.empty(), Optional.of("agent/" + i),
                    Optional.empty(), "{}"));
        }
        return events;
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException diskFull) {
            // the disk is full: exactly what the test wants
        }
    }

    private static boolean answersWithin(Duration limit, BooleanSupplier check) {
        long started = System.nanoTime();
        boolean answer = check.getAsBoolean();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
        return answer;
    }

    private static boolean becomesTrueWithin(Duration limit, BooleanSupplier check) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}

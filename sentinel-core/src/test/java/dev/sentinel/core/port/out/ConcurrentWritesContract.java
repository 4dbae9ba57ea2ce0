package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.fixtures.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers and readers at the same time, for every store: ingest batches that share passes and hours never fail (no
 * deadlock surfaces), reads racing a delete see the pass or not at all, and nothing is written for a deleted pass.
 */
public abstract class ConcurrentWritesContract extends StorageContractSupport {

    private static final Instant HOUR = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void concurrentIngestBatchesCoveringTheSameHoursAllSucceed() throws Exception {
        PassService passes = TestServices.passService(storage());
        List<PassId> ids = List.of(passes.create(TestServices.aCreateCommand()).pass().passId(),
                passes.create(TestServices.aCreateCommand()).pass().passId());
        ActivityIngest ingest = new ActivityIngest(storage(), java.time.Clock.fixed(HOUR.plusSeconds(3 * 3600), java.time.ZoneOffset.UTC),
                java.time.Duration.ofDays(90));
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            boolean reversed = writer % 2 == 0;
            writers.add(() -> {
                int stored = 0;
                for (int round = 0; round < 10; round++) {
                    List<ActivityEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        PassId passId = ids.get((i + (reversed ? 1 : 0)) % 2);
                        batch.add(event(passId, HOUR.plusSeconds(60L * (i % 3) * 60)));
                    }
                    stored += ingest.ingest(batch);
                }
                return stored;
            });
        }

        int stored = 0;
        for (Integer count : runAll(writers)) {
            stored += count;
        }

        assertThat(stored).isEqualTo(8 * 10 * 20);
        long counted = ids.stream().mapToLong(id -> tx((StorageSession session) -> session.activity()
                .count(ActivityFilter.all(id)))).sum();
        assertThat(counted).isEqualTo(stored);
    }

    @Test
    void readsRacingADeleteSeeThePassOrNotAtAll() throws Exception {
        PassService passes = TestServices.passService(storage());
        List<PassId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(passes.create(TestServices.aCreateCommand()).pass().passId());
        }
        List<Callable<Integer>> work = new ArrayList<>();
        work.add(() -> {
            ids.forEach(passes::delete);
            return 0;
        });
        for (int reader = 0; reader < 3; reader++) {
            work.add(() -> {
                int seen = 0;
                for (int round = 0; round < 5; round++) {
                    for (PassId id : ids) {
                        try {
                            passes.get(id);
                            seen++;
                        } catch (PassNotFoundException deleted) {
                            // the other answer a reader may get
                        }
                        passes.find(id);
                    }
                }
                return seen;
            });
        }

        runAll(work);
    }

    @Test
    void nothingIsRecordedForAPassDeletedBeforeItsEventsAreWritten() {
        PassService passes = TestServices.passService(storage());
        PassId gone = passes.create(TestServices.aCreateCommand()).pass().passId();
        PassId kept = passes.create(TestServices.aCreateCommand()).pass().passId();
        passes.delete(gone);

        new StoringActivityRecorder(storage()).recordAll(List.of(event(gone, HOUR), event(kept, HOUR)));

        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(gone)))).isZero();
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(kept)))).isEqualTo(1);
    }

    private static ActivityEvent event(PassId passId, Instant at) {
        return new ActivityEvent(passId, ActivityType.API_REQUEST, at, "/v1/orders", "GET", true, 200, 5,
                Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }

    private static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(work.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : work) {
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}

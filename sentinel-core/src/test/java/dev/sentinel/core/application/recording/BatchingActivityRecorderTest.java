package dev.sentinel.core.application.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchingActivityRecorderTest {

    private static ActivityEvent event(int i) {
        return new ActivityEvent(new PassId("SP-2026-AAAAAA"), ActivityType.API_REQUEST,
                Instant.parse("2026-11-26T10:00:00Z").plusMillis(i), "/e" + i, "GET", true, 200, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }

    @Test
    void writesEveryAcceptedEventInBatches() throws InterruptedException {
        List<List<ActivityEvent>> batches = new CopyOnWriteArrayList<>();
        try (BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batches::add).batchSize(100).start()) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int offset = t * 1000;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        recorder.record(event(offset + i));
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 4000, 4000, 0, 0, 0));
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(4000);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void anErrorFromTheSinkIsCountedAndTheWriterKeepsGoing() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        List<ActivityEvent> stored = new CopyOnWriteArrayList<>();
        try (BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("injected");
            }
            stored.addAll(batch);
        }).batchSize(10).flushInterval(Duration.ofMillis(10)).start()) {
            for (int i = 0; i < 25; i++) {
                recorder.record(event(i));
            }

            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(recorder.stats().failedWrites()).isEqualTo(1);
            assertThat(recorder.stats().written()).isEqualTo(25);
        }
        assertThat(stored).hasSize(25);
    }

    @Test
    void oneEventTheStoreRefusesIsDroppedAndCountedWhileTheOthersAreWritten() throws InterruptedException {
        List<ActivityEvent> stored = new CopyOnWriteArrayList<>();
        try (BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            if (batch.stream().anyMatch(event -> event.endpoint().equals("/e7"))) {
                throw new IllegalStateException("the store refuses /e7 (injected)");
            }
            stored.addAll(batch);
        }).batchSize(20).flushInterval(Duration.ofMillis(50)).start()) {
            for (int i = 0; i < 20; i++) {
                recorder.record(event(i));
            }

            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(recorder.stats().written()).isEqualTo(19);
            assertThat(recorder.stats().lost()).isEqualTo(1);
        }
        assertThat(stored).hasSize(19).noneMatch(event -> event.endpoint().equals("/e7"));
    }

    @Test
    void whileTheStoreIsDownNothingIsDroppedAndEverythingIsWrittenOnceItIsBack() throws InterruptedException {
        AtomicBoolean down = new AtomicBoolean(true);
        List<ActivityEvent> stored = new CopyOnWriteArrayList<>();
        try (BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            if (down.get()) {
                throw new IllegalStateException("the store is down (injected)");
            }
            stored.addAll(batch);
        }).batchSize(8).flushInterval(Duration.ofMillis(10)).start()) {
            for (int i = 0; i < 8; i++) {
                recorder.record(event(i));
            }
            Thread.sleep(3_000);
            assertThat(recorder.stats().lost()).as("nothing dropped during an outage").isZero();

            down.set(false);
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(stored).hasSize(8);
    }

    @Test
    void closingNeverInterruptsTheWriter() throws InterruptedException {
        List<Boolean> interruptedWhileWriting = new CopyOnWriteArrayList<>();
        BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            sleepQuietly(50);
            interruptedWhileWriting.add(Thread.currentThread().isInterrupted());
        }).batchSize(1).flushInterval(Duration.ofMillis(1)).start();
        for (int i = 0; i < 20; i++) {
            recorder.record(event(i));
        }

        recorder.close();

        assertThat(recorder.stats().written()).isEqualTo(20);
        assertThat(interruptedWhileWriting).hasSize(20).containsOnly(false);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFullBufferRejectsAndCountsInsteadOfBlocking() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            awaitQuietly(release);
            written.addAndGet(batch.size());
        }).capacity(10).batchSize(1).start();

        for (int i = 0; i < 50; i++) {
            recorder.record(event(i));
        }
        RecorderStats stats = recorder.stats();
        assertThat(stats.accepted() + stats.rejected()).isEqualTo(50);
        assertThat(stats.rejected()).isGreaterThanOrEqualTo(39);

        release.countDown();
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        recorder.close();
        assertThat((long) written.get()).isEqualTo(stats.accepted());
    }

    @Test
    void retriesFailedWritesUntilTheyGoThrough() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        List<ActivityEvent> stored = new CopyOnWriteArrayList<>();
        try (BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database briefly unavailable");
            }
            stored.addAll(batch);
        }).start()) {
            recorder.record(event(1));

            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(recorder.stats().failedWrites()).isEqualTo(2);
            assertThat(recorder.stats().written()).isEqualTo(1);
        }
        assertThat(stored).hasSize(1);
    }

    @Test
    void closeWritesWhatIsBufferedAndRefusesLaterEvents() {
        List<ActivityEvent> stored = new CopyOnWriteArrayList<>();
        BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(stored::addAll)
                .flushInterval(Duration.ofHours(1)).batchSize(10_000).start();
        for (int i = 0; i < 500; i++) {
            recorder.record(event(i));
        }

        recorder.close();
        recorder.record(event(501));

        assertThat(stored).hasSize(500);
        assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 500, 500, 1, 0, 0));
    }

    @Test
    void whatCannotBeWrittenBeforeShutdownEndsIsCountedAsLost() {
        BatchingActivityRecorder recorder = BatchingActivityRecorder.writingTo(batch -> {
            throw new IllegalStateException("database gone");
        }).shutdownTimeout(Duration.ofMillis(300)).start();
        for (int i = 0; i < 5; i++) {
            recorder.record(event(i));
        }

        recorder.close();

        RecorderStats stats = recorder.stats();
        assertThat(stats.lost()).isEqualTo(5);
        assertThat(stats.written()).isZero();
        assertThat(stats.failedWrites()).isPositive();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

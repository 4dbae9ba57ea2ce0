package dev.sentinel.core.application.recording;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.in.ActivityRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps activity recording off the request path: {@link #record} puts the event in a bounded buffer and returns at
 * once; one background thread writes batches, each when {@code batchSize} events are waiting or one
 * {@code flushInterval} after its first event, whichever comes first. A full buffer rejects the event and counts it; a
 * failed write is retried with back-off until it succeeds or shutdown ends, and anything still unwritten then is
 * counted as lost and logged; a single event the store keeps refusing while other writes succeed is dropped, counted
 * as lost and logged, so that it cannot hold back the rest. Nothing is
 * dropped silently: see {@link #stats()}. {@link #close()} writes what is buffered. Thread-safe.
 */
public final class BatchingActivityRecorder implements ActivityRecorder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchingActivityRecorder.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long LINGER_STEP_NANOS = 5_000_000;
    /** Failures of one batch before it is split in halves. */
    private static final int ATTEMPTS_BEFORE_SPLIT = 3;

    private final BlockingQueue<ActivityEvent> buffer;
    private final Consumer<List<ActivityEvent>> sink;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Duration shutdownTimeout;
    private final Thread writer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean closing;
    /** Failed writes since the last success, and successful writes so far; only the writer thread touches them. */
    private int failuresInARow;
    private long successfulWrites;

    private BatchingActivityRecorder(Builder builder) {
        this.buffer = new ArrayBlockingQueue<>(builder.capacity);
        this.sink = builder.sink;
        this.batchSize = builder.batchSize;
        this.flushIntervalNanos = builder.flushInterval.toNanos();
        this.shutdownTimeout = builder.shutdownTimeout;
        this.writer = new Thread(this::writeLoop, "sentinel-activity-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A recorder that hands batches to {@code sink}, e.g. {@code StoringActivityRecorder::recordAll}. */
    public static Builder writingTo(Consumer<List<ActivityEvent>> sink) {
        return new Builder(sink);
    }

    @Override
    public void record(ActivityEvent event) {
        Objects.requireNonNull(event, "event");
        if (closing || !buffer.offer(event)) {
            rejected.incrementAndGet();
            return;
        }
        accepted.incrementAndGet();
    }

    public RecorderStats stats() {
        return new RecorderStats(buffer.size(), accepted.get(), written.get(), rejected.get(), failedWrites.get(), lost.get());
    }

    /** Waits until every event accepted so far is written (or lost), at most {@code timeout}; true when done. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written.get() + lost.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /**
     * Stops accepting events, writes what is buffered (within the shutdown timeout) and stops the writer. The writer is
     * woken, never interrupted: an interrupt during file I/O makes H2 close its database.
     */
    @Override
    public void close() {
        closing = true;
        signalProgress();
        try {
            writer.join(shutdownTimeout.toMillis() + 5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        int left = buffer.size();
        if (left > 0) {
            buffer.clear();
            markLost(left);
        }
    }

    /**
     * Writes batches in order. A batch that keeps failing is split in halves, so one event the store refuses (a poison
     * event) cannot hold back the others; a single event that still fails, although other writes succeeded after its
     * first failure, is dropped and counted as lost. While nothing succeeds at all (the store is down), nothing is
     * dropped: the writer retries with back-off until shutdown.
     */
    private void writeLoop() {
        Deque<Attempt> pending = new ArrayDeque<>();
        long shutdownDeadline = Long.MAX_VALUE;
        while (true) {
            if (closing && shutdownDeadline == Long.MAX_VALUE) {
                shutdownDeadline = System.nanoTime() + shutdownTimeout.toNanos();
            }
            if (pending.isEmpty()) {
                List<ActivityEvent> batch = new ArrayList<>(batchSize);
                if (!fill(batch)) {
                    return;
                }
                if (batch.isEmpty()) {
                    continue;
                }
                pending.addFirst(new Attempt(batch, successfulWrites));
            }
            Attempt head = pending.peekFirst();
            if (write(head, shutdownDeadline)) {
                pending.removeFirst();
                successfulWrites++;
            } else if (System.nanoTime() > shutdownDeadline) {
                pending.forEach(attempt -> markLost(attempt.events.size()));
                pending.clear();
            } else if (head.failures >= ATTEMPTS_BEFORE_SPLIT) {
                pending.removeFirst();
                if (head.events.size() > 1) {
                    failuresInARow = 0; // splitting is progress: the halves start with short pauses again
                    int half = head.events.size() / 2;
                    pending.addFirst(new Attempt(head.events.subList(half, head.events.size()), head.successesBefore));
                    pending.addFirst(new Attempt(head.events.subList(0, half), head.successesBefore));
                } else if (successfulWrites > head.successesBefore) {
                    dropPoison(head);
                } else {
                    pending.addFirst(new Attempt(head.events, head.successesBefore));
                }
            }
        }
    }

    /** Events being written, how often that failed, and how many writes had succeeded when they were first tried. */
    private static final class Attempt {
        final List<ActivityEvent> events;
        final long successesBefore;
        int failures;

        Attempt(List<ActivityEvent> events, long successesBefore) {
            this.events = List.copyOf(events);
            this.successesBefore = successesBefore;
        }
    }

    private void dropPoison(Attempt poison) {
        ActivityEvent event = poison.events.get(0);
        lost.addAndGet(1);
        LOG.warning("dropped one activity event that the store refused " + poison.failures + " times while other writes "
                + "succeeded (pass " + event.passId() + ", " + event.type().code() + " at " + event.startedAt() + ")");
        signalProgress();
    }

    /** Fills the batch; false when closing and nothing is left. */
    private boolean fill(List<ActivityEvent> batch) {
        if (closing) {
            buffer.drainTo(batch, batchSize);
            return !batch.isEmpty();
        }
        try {
            ActivityEvent first = buffer.poll(flushIntervalNanos, TimeUnit.NANOSECONDS);
            if (first != null) {
                batch.add(first);
                linger(batch, System.nanoTime() + flushIntervalNanos);
            }
        } catch (InterruptedException interrupted) {
            // Nothing of ours interrupts the writer. If something else does, write what is left and stop, without
            // restoring the flag: a set interrupt flag makes the next write's file I/O close H2's database.
            closing = true;
        }
        return true;
    }

    /**
     * Lets the batch fill up to {@code batchSize} for at most one flush interval after its first event: fewer, larger
     * commits cost the store far less than one commit per handful of events.
     */
    private void linger(List<ActivityEvent> batch, long deadline) {
        buffer.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize && !closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, LINGER_STEP_NANOS));
            buffer.drainTo(batch, batchSize - batch.size());
        }
    }

    /**
     * Writes one batch; on failure waits with a back-off that grows with the failures in a row and starts again after
     * a success. An {@link Error} from the sink (a failing disk, an exhausted heap) is counted and retried like any
     * failure: the writer thread never dies silently.
     */
    private boolean write(Attempt attempt, long shutdownDeadline) {
        List<ActivityEvent> batch = attempt.events;
        try {
            sink.accept(batch);
            written.addAndGet(batch.size());
            failuresInARow = 0;
            signalProgress();
            return true;
        } catch (RuntimeException | Error failure) {
            failedWrites.incrementAndGet();
            attempt.failures++;
            int inARow = ++failuresInARow;
            LOG.log(Level.WARNING, "writing " + batch.size() + " activity events failed (attempt " + attempt.failures
                    + "); retrying: " + failure);
            long pause = Math.min(MAX_BACKOFF_MILLIS, 25L << Math.min(7, inARow));
            if (shutdownDeadline != Long.MAX_VALUE) {
                pause = Math.min(pause, Math.max(0, (shutdownDeadline - System.nanoTime()) / 1_000_000));
            }
            pauseUnlessClosing(pause);
            return false;
        }
    }

    private void markLost(int count) {
        lost.addAndGet(count);
        LOG.warning(count + " activity events could not be written before shutdown");
        signalProgress();
    }

    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Waits before a retry; {@link #close()} cuts the wait short so shutdown keeps to its timeout. */
    private void pauseUnlessClosing(long millis) {
        if (millis <= 0) {
            return;
        }
        synchronized (progress) {
            if (closing && millis > 50) {
                millis = 50;
            }
            try {
                progress.wait(millis);
            } catch (InterruptedException interrupted) {
                closing = true; // see fill(): the flag stays clear so that the remaining writes can reach the file
            }
        }
    }

    /** Sizes and timings of the buffer; defaults suit one server node. Not thread-safe. */
    public static final class Builder {
        private final Consumer<List<ActivityEvent>> sink;
        private int capacity = 100_000;
        private int batchSize = 10_000;
        private Duration flushInterval = Duration.ofMillis(200);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder(Consumer<List<ActivityEvent>> sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder capacity(int value) {
            this.capacity = positive("capacity", value);
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = positive("batchSize", value);
            return this;
        }

        public Builder flushInterval(Duration value) {
            this.flushInterval = Objects.requireNonNull(value, "flushInterval");
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = Objects.requireNonNull(value, "shutdownTimeout");
            return this;
        }

        public BatchingActivityRecorder start() {
            return new BatchingActivityRecorder(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}

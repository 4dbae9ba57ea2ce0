package dev.sentinel.http.activity;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.ActivityRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps activity recording off the request path: {@link #record} only offers the event to a bounded queue, and one
 * background thread writes batches of up to {@value #BATCH} events. When the queue is full the event is refused and
 * counted ({@link #rejected()}), and a warning is logged; nothing is dropped silently. {@link #close()} writes what
 * is queued before it returns. Thread-safe.
 */
public final class BufferedActivityRecorder implements ActivityRecorder, AutoCloseable {

    public static final int DEFAULT_CAPACITY = 65_536;
    static final int BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(BufferedActivityRecorder.class);

    private final BlockingQueue<ActivityEvent> queue;
    private final Consumer<List<ActivityEvent>> sink;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /** @param sink writes one batch durably, e.g. {@code StoringActivityRecorder::recordAll} */
    public BufferedActivityRecorder(Consumer<List<ActivityEvent>> sink, int capacity) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "sentinel-activity-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(ActivityEvent event) {
        if (closing || !queue.offer(event)) {
            long count = rejected.incrementAndGet();
            if (Long.bitCount(count) == 1) {
                LOG.warn("activity buffer full or closed: {} events refused so far", count);
            }
        }
    }

    /** How many events were refused because the buffer was full or closed. */
    public long rejected() {
        return rejected.get();
    }

    /** How many events were lost because the store refused their batch. */
    public long failed() {
        return failed.get();
    }

    /** How many events wait to be written. */
    public int pending() {
        return queue.size();
    }

    private void run() {
        List<ActivityEvent> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                ActivityEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<ActivityEvent> batch) {
        try {
            sink.accept(List.copyOf(batch));
        } catch (RuntimeException failure) {
            failed.addAndGet(batch.size());
            LOG.error("could not store {} activity events: {}", batch.size(), failure.getMessage());
        }
    }

    /** Stops taking events and waits (up to 10 seconds) until the queued ones are written. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn("{} activity events were not written before shutdown", queue.size());
        }
    }
}

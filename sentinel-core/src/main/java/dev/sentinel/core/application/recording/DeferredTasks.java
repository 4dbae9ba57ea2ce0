package dev.sentinel.core.application.recording;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Runs small tasks later, in batches, on a thread of its own: {@link #execute} only queues (up to {@code capacity};
 * beyond it a task is dropped and counted), and every {@code interval} the queue is drained. For work whose timing must
 * not show in the answer of the request that caused it: the evidence of a failed client authentication is built for a
 * known client id and not for an unknown one, and done at once on another thread it made the known id's failures 20 µs
 * slower at the median on a 2-core machine; queued and done a tenth of a second later, it is not tied to any answer.
 * {@link #drain()} runs what is queued now; {@link #close()} runs what is left and stops. Thread-safe.
 */
public final class DeferredTasks implements Executor, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeferredTasks.class.getName());

    private final BlockingQueue<Runnable> queue;
    private final LongAdder dropped = new LongAdder();
    private final Object draining = new Object();
    private final ScheduledExecutorService drainer;

    public DeferredTasks(String threadName, int capacity, Duration interval) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drainer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        drainer.scheduleWithFixedDelay(this::drain, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
        if (!queue.offer(task)) {
            dropped.increment();
        }
    }

    /** Runs every task queued so far, in order; one failing task is logged and the rest still run. */
    public void drain() {
        synchronized (draining) {
            for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
                try {
                    task.run();
                } catch (RuntimeException failure) {
                    LOG.warning("a deferred task failed: " + failure);
                }
            }
        }
    }

    /** Tasks dropped because {@code capacity} were already waiting. */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        drainer.shutdownNow();
        try {
            drainer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}

package dev.sentinel.persistence.jdbi;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the store can serve now, decided within a deadline: a probe on a thread of its own (a store that hangs
 * cannot hang the caller), and the outcome of the latest write, since a read cannot see a full disk. One probe runs at
 * a time; while one hangs, the answer is "not ready". Thread-safe.
 */
final class StoreHealth implements AutoCloseable {

    /** Within this, {@link #ready} answers, whatever the store does. */
    static final Duration DEADLINE = Duration.ofMillis(800);

    private final ExecutorService prober = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sentinel-store-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean lastWriteFailed;
    private volatile Future<Boolean> running;

    void wrote(boolean succeeded) {
        lastWriteFailed = !succeeded;
    }

    boolean lastWriteFailed() {
        return lastWriteFailed;
    }

    /** Runs {@code probe} (at most one at a time) and waits for it up to the deadline; false on failure or timeout. */
    boolean ready(Callable<Boolean> probe) {
        Future<Boolean> current = running;
        if (current == null || current.isDone()) {
            current = prober.submit(probe);
            running = current;
        }
        try {
            return current.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException notReady) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}

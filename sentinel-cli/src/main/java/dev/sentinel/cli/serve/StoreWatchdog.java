package dev.sentinel.cli.serve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Ends {@code sentinel serve} with exit code 1 when its store has been unready (see {@code /readyz}) for longer than
 * the limit, so that a supervisor restarts it instead of keeping a process that answers only 503s. The library never
 * exits on its own; this is the command's policy.
 */
final class StoreWatchdog implements AutoCloseable {

    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final BooleanSupplier ready;
    private final Duration limit;
    private final Runnable giveUp;
    private final LongSupplier nanoTime;
    private final PrintWriter err;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sentinel-store-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private long unreadySince = -1;
    private boolean gaveUp;

    StoreWatchdog(BooleanSupplier ready, Duration limit, Runnable giveUp, PrintWriter err, LongSupplier nanoTime) {
        this.ready = ready;
        this.limit = limit;
        this.giveUp = giveUp;
        this.err = err;
        this.nanoTime = nanoTime;
    }

    StoreWatchdog start() {
        checks.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One check; the scheduler calls it every {@link #CHECK_EVERY}. */
    synchronized void check() {
        if (gaveUp) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (ready.getAsBoolean()) {
            if (unreadySince >= 0) {
                err.println("The store is available again.");
                err.flush();
            }
            unreadySince = -1;
            return;
        }
        if (unreadySince < 0) {
            unreadySince = now;
            err.println("The store is unavailable; Sentinel exits if it does not recover within " + limit.toSeconds() + " s.");
            err.flush();
        } else if (now - unreadySince >= limit.toNanos()) {
            gaveUp = true;
            err.println("The store has been unavailable for " + limit.toSeconds() + " s: stopping with exit code 1 so "
                    + "that a supervisor can restart Sentinel.");
            err.flush();
            giveUp.run();
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}

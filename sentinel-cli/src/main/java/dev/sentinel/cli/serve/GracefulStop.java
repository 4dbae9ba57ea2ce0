package dev.sentinel.cli.serve;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops {@code sentinel serve} in order — the HTTP server (running requests finish, new ones get a 503 in the API's
 * shape), then the node (its housekeeping, and everything its activity writer buffered is written), then the store —
 * once, whoever asks first.
 *
 * <p>SIGTERM and SIGINT are handled here, before the JVM begins to shut down: H2 registers a shutdown hook that closes
 * its database, and in the JVM's shutdown it would race the requests and the writer that a graceful stop still needs
 * the database for (an H2 database shared through AUTO_SERVER cannot turn that hook off). Other ways the JVM ends still
 * run {@link #stop()} from a shutdown hook.
 */
final class GracefulStop {

    private final SentinelServer server;
    private final SentinelNode node;
    private final JdbiStorage storage;
    private final PrintWriter err;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int exitCode;

    GracefulStop(SentinelServer server, SentinelNode node, JdbiStorage storage, PrintWriter err) {
        this.server = server;
        this.node = node;
        this.storage = storage;
        this.err = err;
    }

    /** Handles SIGTERM and SIGINT, and adds the shutdown hook for every other way out. */
    GracefulStop install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(this::stop, "sentinel-stop").start());
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                // this platform keeps the JVM's own handling of that signal; the shutdown hook still stops in order
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "sentinel-shutdown"));
        return this;
    }

    /** Blocks until the server has stopped; returns the exit code the command should end with. */
    int awaitStop() throws InterruptedException {
        done.await();
        return exitCode;
    }

    /** Stops, asking the command to end with {@code code} (the watchdog gives up with 1). */
    void stopWith(int code) {
        exitCode = code;
        new Thread(this::stop, "sentinel-stop").start();
    }

    /** Whether a stop has begun: from then on the store closes on purpose, and nobody should call that an outage. */
    boolean stopping() {
        return started.get();
    }

    void stop() {
        if (!started.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try (storage) {
            err.println("Sentinel is stopping.");
            err.flush();
            server.close(); // and the node it serves
            node.activityStats().ifPresent(stats -> err.println("Sentinel stopped: " + stats.written()
                    + " activity events written, " + stats.lost() + " lost, " + stats.rejected() + " refused."));
            err.flush();
        } finally {
            done.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            done.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

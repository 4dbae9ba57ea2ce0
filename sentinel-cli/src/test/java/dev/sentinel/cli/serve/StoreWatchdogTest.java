package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreWatchdogTest {

    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final StringWriter said = new StringWriter();
    private final StoreWatchdog watchdog = new StoreWatchdog(ready::get, Duration.ofSeconds(60), gaveUp::incrementAndGet,
            new PrintWriter(said, true), nanos::get);

    @Test
    void givesUpOnceWhenTheStoreStaysUnreadyForTheLimit() {
        ready.set(false);
        watchdog.check();
        advance(59);
        watchdog.check();
        assertThat(gaveUp).hasValue(0);

        advance(1);
        watchdog.check();
        advance(5);
        watchdog.check();

        assertThat(gaveUp).hasValue(1);
        assertThat(said.toString()).contains("unavailable for 60 s: stopping with exit code 1");
    }

    @Test
    void anOutageThatEndsInTimeStartsTheCountAgain() {
        ready.set(false);
        watchdog.check();
        advance(50);
        ready.set(true);
        watchdog.check();
        ready.set(false);
        advance(1);
        watchdog.check();
        advance(50);
        watchdog.check();

        assertThat(gaveUp).hasValue(0);
        assertThat(said.toString()).contains("available again");
    }

    private void advance(long seconds) {
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}

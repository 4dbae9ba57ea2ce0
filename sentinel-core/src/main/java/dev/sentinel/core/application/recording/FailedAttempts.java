package dev.sentinel.core.application.recording;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.in.ActivityRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the evidence of failed client authentications bounded under a flood. The first failure of a pass in a window
 * (one minute by default) is recorded at once, with its own address, user agent and reason; the ones after it in the
 * same window are only counted, and when the window closes they become one event carrying their number
 * ({@link ActivityEvent#attempts()}) and the last one's address, user agent and reason. So a pass under attack gets at
 * most two events a minute, and its rollups still count every attempt. Call {@link #flush()} every few seconds to
 * close the windows that have ended; {@link #close()} writes what is pending. Thread-safe.
 */
public final class FailedAttempts implements AutoCloseable {

    /** The default window: at most two events per pass per minute under a flood. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final ActivityRecorder target;
    private final Clock clock;
    private final Duration window;
    private final Map<PassId, Window> windows = new HashMap<>();

    /** The failures of one pass counted since the first one of the window, which was recorded on its own. */
    private static final class Window {
        final Instant start;
        final Instant end;
        ActivityEvent last;
        int counted;

        Window(Instant start, Duration length) {
            this.start = start;
            this.end = start.plus(length);
        }
    }

    public FailedAttempts(ActivityRecorder target, Clock clock, Duration window) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.window = window;
    }

    /** Records one failed attempt of a known pass: at once when it opens a window, counted otherwise. */
    public void record(ActivityEvent failure) {
        if (failure.success()) {
            throw new IllegalArgumentException("only failures are aggregated");
        }
        List<ActivityEvent> out = new ArrayList<>(2);
        synchronized (windows) {
            Window current = windows.get(failure.passId());
            if (current != null && failure.startedAt().isBefore(current.end)) {
                current.counted++;
                current.last = failure;
                return;
            }
            if (current != null && current.counted > 0) {
                out.add(summary(current));
            }
            windows.put(failure.passId(), new Window(failure.startedAt(), window));
            out.add(failure);
        }
        out.forEach(target::record);
    }

    /** Records the summary of every window that has ended by now and forgets those windows. */
    public void flush() {
        flush(clock.instant());
    }

    private void flush(Instant now) {
        List<ActivityEvent> out = new ArrayList<>();
        synchronized (windows) {
            for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
                Window current = it.next();
                if (now == null || !now.isBefore(current.end)) {
                    if (current.counted > 0) {
                        out.add(summary(current));
                    }
                    it.remove();
                }
            }
        }
        out.forEach(target::record);
    }

    /** Records the summaries of every open window now, ended or not. */
    @Override
    public void close() {
        flush(null);
    }

    private static ActivityEvent summary(Window window) {
        ActivityEvent last = window.last;
        String since = window.start.truncatedTo(ChronoUnit.SECONDS).toString();
        String reason = last.errorMessage().orElse("failed");
        String message = window.counted + " more failed attempts since " + since + ", the last from "
                + last.clientIp().orElse("an unknown address") + ": " + reason;
        if (message.length() > ActivityEvent.ERROR_MAX_LENGTH) {
            message = message.substring(0, ActivityEvent.ERROR_MAX_LENGTH);
        }
        String metadata = "{\"aggregated_attempts\":" + window.counted + ",\"since\":\"" + since + "\"}";
        return new ActivityEvent(last.passId(), last.type(), last.startedAt(), last.endpoint(), last.httpMethod(), false,
                last.statusCode(), last.durationMs(), last.clientIp(), last.userAgent(), java.util.Optional.of(message),
                metadata, window.counted);
    }
}

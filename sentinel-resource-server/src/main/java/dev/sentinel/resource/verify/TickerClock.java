package dev.sentinel.resource.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A clock that reads a monotonic nanosecond ticker, so cached keys age with it (tests move the ticker). */
final class TickerClock extends Clock {

    private final LongSupplier ticker;

    TickerClock(LongSupplier ticker) {
        this.ticker = ticker;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ticker clock has no zone");
    }

    @Override
    public Instant instant() {
        long nanos = ticker.getAsLong();
        return Instant.ofEpochSecond(0, nanos);
    }
}

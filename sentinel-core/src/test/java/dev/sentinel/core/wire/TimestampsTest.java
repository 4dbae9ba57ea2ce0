package dev.sentinel.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void everyInstantIsWrittenToTheMillisecondWithThreeDigits() {
        assertThat(Timestamps.format(Instant.parse("2026-11-26T10:00:00Z"))).isEqualTo("2026-11-26T10:00:00.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-26T10:00:00.5Z"))).isEqualTo("2026-11-26T10:00:00.500Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-26T10:00:00.123999999Z"))).as("cut, not rounded")
                .isEqualTo("2026-11-26T10:00:00.123Z");
        assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
    }

    @Test
    void whatIsWrittenReadsBackAsTheInstantToTheMillisecond() {
        Instant instant = Instant.parse("2026-11-26T10:00:00.123456Z");

        assertThat(Instant.parse(Timestamps.format(instant))).isEqualTo(Instant.parse("2026-11-26T10:00:00.123Z"));
    }

    @Test
    void noInstantIsNull() {
        assertThat(Timestamps.formatOrNull(Optional.empty())).isNull();
        assertThat(Timestamps.formatOrNull(Optional.of(Instant.EPOCH))).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}

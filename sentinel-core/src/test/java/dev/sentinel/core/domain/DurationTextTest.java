package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"90s, 90", "30m, 1800", "1h, 3600", "1H, 3600", "2d, 172800", "0, 0", "3600, 3600", "PT1H30M, 5400",
            "pt15m, 900", "P1D, 86400", "' 1h ', 3600", "-5, -5", "-PT1H, -3600"})
    void readsEveryFormOfTheOneSyntax(String text, long seconds) {
        assertThat(DurationText.parse(text)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1 hour", "1h30m", "-1h", "h", "", "1w", "1.5h"})
    void anythingElseIsNoDuration(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }
}

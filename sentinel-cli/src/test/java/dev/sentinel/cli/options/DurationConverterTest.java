package dev.sentinel.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsShortForms() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("2D")).isEqualTo(Duration.ofDays(2));
        assertThat(converter.convert("0")).isZero();
    }

    @Test
    void readsIsoDurations() {
        assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("pt15m")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void rejectsAnythingElseWithExamples() {
        assertThatThrownBy(() -> converter.convert("1 hour"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'1 hour' is not a duration", "30m", "PT1H30M");
        assertThatThrownBy(() -> converter.convert("-1h")).isInstanceOf(TypeConversionException.class);
    }
}

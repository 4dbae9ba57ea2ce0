package dev.sentinel.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private Locale original;

    /** A default locale that groups with '.' and writes decimals with ',' must change nothing. */
    @BeforeEach
    void germanDefaultLocale() {
        original = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(original);
    }

    @Test
    void countsAreGroupedWithCommas() {
        assertThat(Figures.count(0)).isEqualTo("0");
        assertThat(Figures.count(999)).isEqualTo("999");
        assertThat(Figures.count(11_011)).isEqualTo("11,011");
        assertThat(Figures.count(1_234_567_890L)).isEqualTo("1,234,567,890");
        assertThat(Figures.count(-4_200)).isEqualTo("-4,200");
    }

    @Test
    void percentagesHaveOneDecimalAndASpaceBeforeTheSign() {
        assertThat(Figures.percent(94.736)).isEqualTo("94.7 %");
        assertThat(Figures.percent(94.75)).isEqualTo("94.8 %");
        assertThat(Figures.percent(5)).isEqualTo("5.0 %");
        assertThat(Figures.percent(0)).isEqualTo("0.0 %");
        assertThat(Figures.percent(100)).isEqualTo("100.0 %");
    }

    @Test
    void aRateNearTheEndsNeverReadsAsAllOrNothing() {
        assertThat(Figures.percent(99.99)).isEqualTo("99.9 %");
        assertThat(Figures.percent(99.95)).isEqualTo("99.9 %");
        assertThat(Figures.percent(0.001)).isEqualTo("0.1 %");
        assertThat(Figures.percent(0.04)).isEqualTo("0.1 %");
        assertThat(Figures.percent(0.06)).isEqualTo("0.1 %");
    }

    @Test
    void durationsAreMillisecondsGroupedLikeCounts() {
        assertThat(Figures.millis(42)).isEqualTo("42 ms");
        assertThat(Figures.millis(1_250)).isEqualTo("1,250 ms");
        assertThat(Figures.averageMillis(166.666)).isEqualTo("166.7 ms");
        assertThat(Figures.averageMillis(1_234.56)).isEqualTo("1,234.6 ms");
        assertThat(Figures.averageMillis(0)).isEqualTo("0.0 ms");
    }

    @Test
    void instantsAreUtcToTheSecond() {
        assertThat(Figures.instant(Instant.parse("2026-11-30T10:00:00Z"))).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(Figures.instant(Instant.parse("2026-11-30T10:00:07.504423370Z"))).isEqualTo("2026-11-30T10:00:07Z");
        assertThat(Figures.instant(Instant.parse("2026-11-30T23:59:59.999Z"))).isEqualTo("2026-11-30T23:59:59Z");
    }

    @Test
    void tablesAndFieldsPrintInstantsTheSameWay() {
        Instant instant = Instant.parse("2026-11-30T10:00:07.250Z");

        assertThat(Table.withHeader("AT").row(instant).render()).isEqualTo("AT\n2026-11-30T10:00:07Z\n");
        assertThat(Fields.create().add("At", instant).render()).isEqualTo("At  2026-11-30T10:00:07Z\n");
    }
}

package dev.sentinel.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void scalesValuesToEightLevelsAndMarksMissingOnes() {
        assertThat(Sparkline.of(Arrays.asList(0.0, 1.0, 50.0, 90.0, 100.0, null), 100, 1)).isEqualTo("▁▁▄▇█·");
    }

    @Test
    void widensCellsAndLeavesAGapBetweenWideBars() {
        assertThat(Sparkline.of(Arrays.asList(2.0, null), 2, 2)).isEqualTo("██··");
        assertThat(Sparkline.of(Arrays.asList(2.0, 1.0), 2, 4)).isEqualTo("███ ▄▄▄ ");
    }

    @Test
    void anyValueShowsAtLeastTheLowestBar() {
        assertThat(Sparkline.of(Arrays.asList(1.0, 0.0), 1000, 1)).isEqualTo("▁▁");
        assertThat(Sparkline.of(Arrays.asList(5.0), 0, 1)).isEqualTo("▁");
    }
}

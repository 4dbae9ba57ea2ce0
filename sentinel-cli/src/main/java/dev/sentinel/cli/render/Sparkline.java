package dev.sentinel.cli.render;

import java.util.List;

/**
 * A one-line bar chart of Unicode block characters ({@code ▁▂▃▄▅▆▇█}), one cell per value, for small charts in a
 * terminal. A missing value (null) prints as {@value #NO_DATA}.
 */
public final class Sparkline {

    public static final char NO_DATA = '·';
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /**
     * The values as bars scaled to {@code max} (which gets {@code █}); each cell is {@code cellWidth} characters,
     * the bar filling all but a one-character gap when cells are wider than two.
     */
    public static String of(List<Double> values, double max, int cellWidth) {
        int barWidth = cellWidth > 2 ? cellWidth - 1 : cellWidth;
        StringBuilder line = new StringBuilder();
        for (Double value : values) {
            char bar = value == null ? NO_DATA : LEVELS[level(value, max)];
            line.append(String.valueOf(bar).repeat(barWidth)).append(" ".repeat(cellWidth - barWidth));
        }
        return line.toString();
    }

    /** 0 for the lowest bar, 7 for the highest (the maximum only); any value present shows at least the lowest bar. */
    static int level(double value, double max) {
        if (max <= 0 || value <= 0) {
            return 0;
        }
        int level = (int) Math.round(value / max * LEVELS.length) - 1;
        return Math.max(0, Math.min(LEVELS.length - 1, level));
    }
}

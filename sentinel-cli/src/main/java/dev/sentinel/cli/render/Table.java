package dev.sentinel.cli.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A plain-text table with a header row and left-aligned columns two spaces apart. */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    public static Table withHeader(String... header) {
        return new Table(Arrays.asList(header));
    }

    /** Adds a row; null cells print as {@code -}, {@link Instant} cells as {@link Figures#instant}. */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of this table has " + header.size() + " cells");
        }
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        return TerminalText.safe(cell instanceof Instant instant ? Figures.instant(instant) : Objects.toString(cell));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rendered table, each line ending in a newline, without trailing spaces. */
    public String render() {
        int[] widths = new int[header.size()];
        for (List<String> line : allLines()) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : allLines()) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                text.append(String.format("%-" + widths[column] + "s", line.get(column)));
                if (column < widths.length - 1) {
                    text.append("  ");
                }
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }
}

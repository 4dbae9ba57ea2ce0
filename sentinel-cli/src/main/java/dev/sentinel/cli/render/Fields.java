package dev.sentinel.cli.render;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A two-column "label  value" listing, for one record shown to people. */
public final class Fields {

    private final Map<String, String> values = new LinkedHashMap<>();

    public static Fields create() {
        return new Fields();
    }

    /** Adds a line; a null or empty value prints as {@code -}, an {@link Instant} as {@link Figures#instant}. */
    public Fields add(String label, Object value) {
        String text = value == null ? "" : TerminalText.safe(value instanceof Instant instant ? Figures.instant(instant)
                : value.toString());
        values.put(label, text.isEmpty() ? "-" : text);
        return this;
    }

    public String render() {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        values.forEach((label, value) -> out.append(String.format("%-" + width + "s  %s", label, value).stripTrailing())
                .append('\n'));
        return out.toString();
    }
}

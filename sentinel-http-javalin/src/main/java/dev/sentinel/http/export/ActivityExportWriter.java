package dev.sentinel.http.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.wire.ActivityJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams activity events to a file format one event at a time: a JSON array, JSON Lines (one object a line), or
 * RFC 4180 CSV with a header, where any cell starting with {@code = + - @} (or a tab or carriage return) is prefixed
 * with {@code '} so spreadsheets never run it as a formula. Not thread-safe; {@link #close()} finishes the document.
 */
public final class ActivityExportWriter implements AutoCloseable {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final DateTimeFormatter FILE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ExportFormat format;
    private final OutputStream out;
    private final java.util.List<String> fields;
    private JsonGenerator json;
    private CSVPrinter csv;
    private long written;

    public ActivityExportWriter(ExportFormat format, OutputStream out) {
        this(format, out, ActivityJson.FIELDS);
    }

    /** A writer of records with the columns {@code fields} (in this order), such as audit entries. */
    public ActivityExportWriter(ExportFormat format, OutputStream out, java.util.List<String> fields) {
        this.format = format;
        this.out = out;
        this.fields = java.util.List.copyOf(fields);
        try {
            switch (format) {
                case JSON -> {
                    json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
                    json.writeStartArray();
                }
                case JSONL -> json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)
                        .setRootValueSeparator(null);
                case CSV -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                            .setHeader(this.fields.toArray(String[]::new)).get());
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The download name: {@code sentinel-pass-activity-{passId}-{yyyyMMdd'T'HHmmss'Z'}.{format}}. */
    public static String fileName(String passId, Instant at, ExportFormat format) {
        return "sentinel-pass-activity-" + passId + "-" + FILE_TIMESTAMP.format(at) + "." + format.code();
    }

    public void write(ActivityEvent event) {
        write(ActivityJson.event(event));
    }

    /** Writes one record: its values for the writer's fields ({@code record} in their order for JSON). */
    public void write(Map<String, Object> record) {
        try {
            if (csv != null) {
                for (String field : fields) {
                    Object value = record.get(field);
                    csv.print(value == null ? "" : neutralise(value instanceof Map<?, ?> object
                            ? MAPPER.writeValueAsString(object) : value.toString()));
                }
                csv.println();
            } else {
                MAPPER.writeValue(json, record);
                if (format == ExportFormat.JSONL) {
                    json.flush();
                    out.write('\n');
                }
            }
            written++;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public long written() {
        return written;
    }

    /**
     * Keeps spreadsheet applications from evaluating a cell as a formula (CSV injection): a cell, and every piece of it
     * between {@code ;} or tab characters (the list separators of many locales, which some spreadsheets split on),
     * that starts with {@code = + - @} is prefixed with {@code '}, unless it is a plain number such as {@code -42};
     * a cell starting with a tab or carriage return is prefixed too. Other CSV exports (the audit trail's) use it too.
     */
    public static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        StringBuilder safe = new StringBuilder(cell.length() + 4);
        if (cell.charAt(0) == '\t' || cell.charAt(0) == '\r') {
            safe.append('\'');
        }
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || cell.charAt(i) == ';' || cell.charAt(i) == '\t') {
                String piece = cell.substring(start, i);
                if (startsAFormula(piece)) {
                    safe.append('\'');
                }
                safe.append(piece);
                if (i < cell.length()) {
                    safe.append(cell.charAt(i));
                }
                start = i + 1;
            }
        }
        return safe.toString();
    }

    private static boolean startsAFormula(String piece) {
        if (piece.isEmpty() || "=+-@".indexOf(piece.charAt(0)) < 0) {
            return false;
        }
        return !PLAIN_NUMBER.matcher(piece).matches();
    }

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.flush();
            } else {
                if (format == ExportFormat.JSON) {
                    json.writeEndArray();
                }
                json.flush();
            }
            out.flush();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}

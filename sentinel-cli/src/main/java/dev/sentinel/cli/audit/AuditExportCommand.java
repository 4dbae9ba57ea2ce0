package dev.sentinel.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.application.analytics.ExportTooLargeException;
import dev.sentinel.core.application.audit.AuditService;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.http.export.ActivityExportWriter;
import dev.sentinel.http.export.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel audit export}: the matching entries, oldest first, as JSON, CSV (RFC 4180, with the formula guard of
 * the activity export) or JSON Lines; at most {@value AuditService#MAX_EXPORT} entries, refused before anything is
 * written when more match. To a file (written whole or not at all) or to standard output.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export audit entries, oldest first, as JSON, CSV (RFC 4180) or JSON Lines:",
            "at most 10,000 (narrow it with the filters when more match). CSV cells that",
            "a spreadsheet would run as a formula are prefixed with '."})
final class AuditExportCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = Candidates.ExportFormats.class,
            defaultValue = "json", description = "json, csv or jsonl. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write; refused when it exists, unless "
            + "--force. Default: standard output.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Mixin
    AuditFilterOptions filters;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        Violations violations = new Violations();
        ExportFormat checked = violations.check(() -> ExportFormat.parse(format));
        AuditFilter filter = violations.check(filters::filter);
        violations.throwIfAny();
        if (out != null && !force && Files.exists(out)) {
            throw new ParameterException(spec.commandLine(), "refusing to overwrite " + out + ": add --force to replace it");
        }
        List<AuditRecord> records = new ArrayList<>();
        try (Store store = Store.open(storeOptions)) {
            store.sentinel().audit().export(Store.PRINCIPAL, filter, records::add);
        } catch (ExportTooLargeException tooLarge) {
            throw new CommandFailedException(String.format(Locale.ROOT, "the export matches %,d entries, more than "
                    + "%,d: narrow it with --start-date and --end-date or the other filters", tooLarge.matched(),
                    tooLarge.limit()));
        }
        if (out == null) {
            Writer stdout = spec.commandLine().getOut();
            write(checked, records, stdout);
            stdout.flush();
            return 0;
        }
        Path absolute = out.toAbsolutePath();
        Path staged = Files.createTempFile(absolute.getParent(), ".sentinel-audit-", ".part");
        try {
            try (Writer file = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(staged),
                    StandardCharsets.UTF_8))) {
                write(checked, records, file);
            }
            Files.move(staged, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Writes the records in the format: a JSON array, one JSON object a line, or CSV with a header. */
    static void write(ExportFormat format, List<AuditRecord> records, Writer writer) throws IOException {
        switch (format) {
            case JSON -> writer.write(MAPPER.writeValueAsString(records.stream().map(AuditRecords::json).toList()) + "\n");
            case JSONL -> {
                for (AuditRecord record : records) {
                    writer.write(MAPPER.writeValueAsString(AuditRecords.json(record)) + "\n");
                }
            }
            case CSV -> {
                writer.write(String.join(",", AuditRecords.FIELDS) + "\r\n");
                for (AuditRecord record : records) {
                    Map<String, Object> fields = AuditRecords.json(record);
                    List<String> cells = new ArrayList<>();
                    for (String field : AuditRecords.FIELDS) {
                        Object value = fields.get(field);
                        cells.add(csvCell(value == null ? "" : ActivityExportWriter.neutralise(value.toString())));
                    }
                    writer.write(String.join(",", cells) + "\r\n");
                }
            }
            default -> throw new UncheckedIOException(new IOException("unknown format " + format));
        }
    }

    /** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
    private static String csvCell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

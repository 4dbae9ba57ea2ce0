package dev.sentinel.cli.activity;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.cli.ActivitySeed;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.activity.ActivityType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityExportCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dataDir;

    @TempDir
    Path exports;

    private Cli cli;
    private String passId;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
        ActivitySeed.record(dataDir, List.of(
                anEvent(passId).at(T0).withEndpoint("/v1/orders").build(),
                anEvent(passId).at(T0.plusSeconds(60)).ofType(ActivityType.TOKEN_GENERATION)
                        .withEndpoint("/oauth/token").withMethod("POST").withDurationMs(7).build(),
                anEvent(passId).at(T0.plusSeconds(120)).ofType(ActivityType.ERROR).withEndpoint("/v1/orders,\"x\"")
                        .withMethod("POST").withUserAgent("=HYPERLINK(\"http://evil\")")
                        .failed(500, "-2+3, and\nline two").withMetadata("{\"k\":\"v\"}").build()));
    }

    @Test
    void writesJsonIntoADirectoryUnderTheStandardName() throws IOException {
        Result result = export("--out", exports.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path file = Path.of(result.out().strip());
        assertThat(file.getParent()).isEqualTo(exports);
        assertThat(file.getFileName().toString()).matches("sentinel-pass-activity-" + passId + "-\\d{8}T\\d{6}Z\\.json");
        JsonNode array = MAPPER.readTree(file.toFile());
        assertThat(array).hasSize(3);
        JsonNode newest = array.get(0);
        assertThat(ActivityListCommandTest.fieldNames(newest)).containsExactly("pass_id", "type", "started_at",
                "endpoint", "http_method", "success", "status_code", "duration_ms", "client_ip", "user_agent",
                "error_message", "metadata", "reported_by");
        assertThat(newest.get("type").asText()).isEqualTo("error");
        assertThat(newest.get("user_agent").asText()).isEqualTo("=HYPERLINK(\"http://evil\")");
        assertThat(newest.get("metadata").get("k").asText()).isEqualTo("v");
        assertThat(array.get(2).get("started_at").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
        assertThat(result.err()).as("no progress without a terminal").isEmpty();
    }

    @Test
    void writesRfc4180CsvWithFormulasNeutralised() throws IOException {
        Path file = Path.of(export("--format", "csv", "--out", exports.toString()).out().strip());

        String csv = Files.readString(file);
        assertThat(file.toString()).endsWith(".csv");
        assertThat(csv).startsWith("pass_id,type,started_at,endpoint,http_method,success,status_code,duration_ms,"
                + "client_ip,user_agent,error_message,metadata,reported_by\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(3);
        CSVRecord newest = records.get(0);
        assertThat(newest.get("endpoint")).isEqualTo("/v1/orders,\"x\"");
        assertThat(newest.get("user_agent")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(newest.get("error_message")).isEqualTo("'-2+3, and\nline two");
        assertThat(newest.get("success")).isEqualTo("false");
        assertThat(records.get(1).get("type")).isEqualTo("token_generation");
        assertThat(records.get(2).get("error_message")).isEmpty();
    }

    @Test
    void writesJsonLinesToAGivenFilePath() throws IOException {
        Path target = exports.resolve("activity.jsonl");

        Result result = export("--format", "JSONL", "--out", target.toString());

        assertThat(result.out()).isEqualTo(target + "\n");
        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize(3);
        assertThat(MAPPER.readTree(lines.get(0)).get("error_message").asText()).isEqualTo("-2+3, and\nline two");
        assertThat(MAPPER.readTree(lines.get(2)).get("endpoint").asText()).isEqualTo("/v1/orders");
    }

    @Test
    void appliesTheFilters() throws IOException {
        Path target = exports.resolve("errors.json");

        export("--out", target.toString(), "--status", "failed", "--end-date", "2026-11-26");
        JsonNode array = MAPPER.readTree(target.toFile());

        assertThat(array).hasSize(1);
        assertThat(array.get(0).get("status_code").asInt()).isEqualTo(500);
        Path none = exports.resolve("none.csv");
        export("--out", none.toString(), "--format", "csv", "--start-date", "2027-01-01");
        assertThat(Files.readAllLines(none)).hasSize(1);
    }

    @Test
    void refusesToOverwriteAFileWithoutForce() throws IOException {
        Path target = exports.resolve("activity.json");
        Files.writeString(target, "keep me");

        Result refused = export("--out", target.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: refusing to overwrite " + target + ": add --force to replace it");
        assertThat(Files.readString(target)).isEqualTo("keep me");

        Result forced = export("--out", target.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(MAPPER.readTree(target.toFile())).hasSize(3);
        assertThat(filesIn(exports)).containsExactly(target);
    }

    @Test
    void badValuesNameTheirOption() {
        assertFails(1, "error: format (--format): must be one of json, csv, jsonl (got 'xml')", "--format", "xml");
        assertFails(1, "error: out (--out): directory " + exports.resolve("missing") + " does not exist",
                "--out", exports.resolve("missing").resolve("activity.json").toString());
        assertFails(1, "error: out (--out): directory " + exports.resolve("missing") + "/ does not exist",
                "--out", exports.resolve("missing") + "/");
        assertFails(1, "error: type (--type): must be one of api_request, token_generation, error (got 'all')",
                "--type", "all");
        assertFails(1, "error: format (--format): must be one of json, csv, jsonl (got 'xml'); status (--status)",
                "--format", "xml", "--status", "maybe");
        assertFails(1, "error: end_date (--end-date): must be after start_date",
                "--start-date", "2026-11-26T10:00:00Z", "--end-date", "2026-11-25");
    }

    @Test
    void unknownPassWritesNothing() throws IOException {
        Result result = cli.run("activity", "export", "SP-2020-ZZZZZZ", "--out", exports.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no pass with pass_id SP-2020-ZZZZZZ\n");
        assertThat(filesIn(exports)).isEmpty();
    }

    private Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("activity", "export", passId));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    private void assertFails(int exitCode, String message, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", exports.toString()));
        }
        Result result = export(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", options)).isEqualTo(exitCode);
        assertThat(result.err()).as(String.join(" ", options)).startsWith(message);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
        try {
            assertThat(filesIn(exports)).isEmpty();
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /** Every file in the directory, hidden ones included. */
    static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}

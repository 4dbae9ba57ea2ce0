package dev.sentinel.cli.activity;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.cli.ActivitySeed;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 25,000 events, seven to each {@code started_at}, so every cut between files falls where several events share a
 * timestamp. Each event's user agent carries its number, to check that the files together hold each event once.
 */
class ActivityExportSplitTest {

    private static final int EVENTS = 25_000;
    private static final int SAME_INSTANT = 7;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    Path exports;

    private static Cli cli;
    private static String passId;

    @BeforeAll
    static void seed() {
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
        List<ActivityEvent> events = new ArrayList<>(EVENTS);
        for (int n = 0; n < EVENTS; n++) {
            ActivitySeed.Builder event = anEvent(passId).at(T0.plusMillis(250L * (n / SAME_INSTANT)))
                    .withUserAgent("seed/" + n);
            events.add(n % 10 == 0 ? event.ofType(ActivityType.ERROR).failed(503, "busy").build() : event.build());
        }
        ActivitySeed.record(dataDir, events);
    }

    @Test
    void refusesMoreThanTenThousandRecordsInOneFileAndWritesNothing() throws IOException {
        Result result = export("--format", "csv");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the export matches 25,000 records, more than 10,000 per file: "
                + "add --split to write several files, or narrow it with --start-date and --end-date\n");
        assertThat(result.out()).isEmpty();
        assertThat(ActivityExportCommandTest.filesIn(exports)).as("no partial or temporary file").isEmpty();
    }

    @Test
    void splitWritesThreeFilesThatTogetherHoldEveryRecordOnce() throws IOException {
        Result result = export("--format", "csv", "--split");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Path> parts = result.out().lines().map(Path::of).toList();
        assertThat(parts).hasSize(3);
        for (int part = 0; part < 3; part++) {
            assertThat(parts.get(part).getFileName().toString())
                    .matches("sentinel-pass-activity-" + passId + "-\\d{8}T\\d{6}Z-part-00" + (part + 1) + "\\.csv");
        }
        assertThat(ActivityExportCommandTest.filesIn(exports)).containsExactlyElementsOf(parts);
        List<List<CSVRecord>> files = new ArrayList<>();
        for (Path part : parts) {
            files.add(readCsv(part));
        }
        assertThat(files).allSatisfy(records -> assertThat(records).hasSizeLessThanOrEqualTo(10_000).isNotEmpty());
        List<Integer> numbers = files.stream().flatMap(List::stream)
                .map(record -> Integer.parseInt(record.get("user_agent").substring("seed/".length()))).toList();
        assertThat(numbers).hasSize(EVENTS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(numbers)).isEqualTo(allNumbers());
        for (int part = 0; part < 2; part++) {
            Instant oldestOfNewer = startedAt(files.get(part).get(files.get(part).size() - 1));
            Instant newestOfOlder = startedAt(files.get(part + 1).get(0));
            assertThat(newestOfOlder).as("part %d is older than part %d, with no timestamp in both", part + 2, part + 1)
                    .isBefore(oldestOfNewer);
        }
        assertThat(result.err()).isEmpty();
    }

    @Test
    void splitHonoursFiltersAndNamesPartsAfterAGivenFile() throws IOException {
        Path target = exports.resolve("errors.jsonl");

        Result result = export("--out", target.toString(), "--format", "jsonl", "--split", "--type", "error");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path only = exports.resolve("errors-part-001.jsonl");
        assertThat(result.out()).isEqualTo(only + "\n");
        List<String> lines = Files.readAllLines(only);
        assertThat(lines).hasSize(EVENTS / 10);
        assertThat(lines).allSatisfy(line -> assertThat(MAPPER.readTree(line).get("type").asText()).isEqualTo("error"));
    }

    @Test
    void splitOfAnExplicitRangeKeepsToItsBounds() throws IOException {
        Instant from = T0.plusMillis(250L * 100);
        Instant until = T0.plusMillis(250L * 3_000);

        Result result = export("--split", "--start-date", from.toString(), "--end-date", until.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Path> parts = result.out().lines().map(Path::of).toList();
        assertThat(parts).hasSize(3);
        int total = 0;
        for (Path part : parts) {
            JsonNode array = MAPPER.readTree(part.toFile());
            assertThat(array.size()).isLessThanOrEqualTo(10_000);
            total += array.size();
        }
        assertThat(total).isEqualTo((3_000 - 100 + 1) * SAME_INSTANT);
    }

    @Test
    void splitRefusesToOverwriteAnyPartWithoutForce() throws IOException {
        Path target = exports.resolve("activity.json");
        Files.writeString(exports.resolve("activity-part-002.json"), "keep me");

        Result refused = export("--out", target.toString(), "--split");

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: refusing to overwrite " + exports.resolve("activity-part-002.json"));
        assertThat(ActivityExportCommandTest.filesIn(exports)).containsExactly(exports.resolve("activity-part-002.json"));

        Result forced = export("--out", target.toString(), "--split", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(ActivityExportCommandTest.filesIn(exports)).hasSize(3);
        assertThat(MAPPER.readTree(exports.resolve("activity-part-002.json").toFile()).size()).isBetween(9_000, 10_000);
    }

    private Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("activity", "export", passId));
        args.addAll(List.of(options));
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", exports.toString()));
        }
        return cli.run(args.toArray(String[]::new));
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static Instant startedAt(CSVRecord record) {
        return Instant.parse(record.get("started_at"));
    }

    private static Set<Integer> allNumbers() {
        return new HashSet<>(IntStream.range(0, EVENTS).boxed().toList());
    }
}

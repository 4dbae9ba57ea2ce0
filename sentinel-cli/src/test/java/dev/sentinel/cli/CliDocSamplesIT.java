package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample outputs of docs/cli.md are what the commands print: every {@code $ …} line of the page's console blocks
 * runs, in page order, through bash, the launcher and the built jar, in a fresh directory that stands for the page's
 * {@code /home/ops/sentinel} (a clone); what it prints (stdout, then stderr) must be what the page shows under it,
 * once ids, secrets, tokens, times and versions are normalised, and with a line {@code …} standing for lines left out.
 * The page is written as of {@value #PAGE_TODAY}: dates in its commands move by as many days as today is later.
 *
 * <p>{@code sentinel serve} runs on a free port until it has printed its first lines (its stdout is compared). Before
 * the first usage sample the pass gets a fixed activity history: in each of the last 23 whole hours, and on each of
 * the calendar days 2 to 28 before today. A few lines cannot run here; {@link #SKIPPED} names them and why.
 */
class CliDocSamplesIT {

    private static final Path CLI_MD = Path.of("../docs/cli.md");
    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"))
            .toAbsolutePath().normalize();
    /** The day the page's samples were made on. */
    private static final String PAGE_TODAY = "2026-11-26";
    /** The directory the page's samples run in. */
    private static final String PAGE_HOME = "/home/ops/sentinel";
    private static final String PASS = "SP-2026-A1B2C3";
    private static final Pattern SENTINEL = Pattern.compile("(?<![\\w/.])\\./sentinel\\b");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)\\d{4}-\\d\\d-\\d\\d(?!\\d)");

    /** Lines that cannot run here, by a pattern of the command, and why. */
    private static final Map<Pattern, String> SKIPPED = skipped();

    @TempDir
    Path work;

    private int lastExitCode;
    private boolean seeded;

    private static Map<Pattern, String> skipped() {
        Map<Pattern, String> skipped = new LinkedHashMap<>();
        skipped.put(Pattern.compile("^sudo "), "runs as other OS users (StartupErrorsIT and DistributionIT check the "
                + "owner rules)");
        skipped.put(Pattern.compile("serve .*--tls-cert"), "needs a certificate (HttpsServeIT serves HTTPS through the "
                + "jar)");
        skipped.put(Pattern.compile("healthcheck$"), "asks a server on port 8080, which a test machine may have in "
                + "use (HealthcheckIT runs it against a real serve)");
        skipped.put(Pattern.compile("completion"), "prints a bash completion script");
        skipped.put(Pattern.compile("pass delete \\S+$"), "asks for confirmation on a terminal");
        skipped.put(Pattern.compile("usage \\S+ --range 7d"), "its points are calendar days, so its figures depend on "
                + "the hour the test runs at");
        skipped.put(Pattern.compile("backup --data-dir /var/lib/sentinel"), "writes to /backups (BackupDocIT runs the "
                + "backup and restore of the page)");
        return skipped;
    }

    /** A {@code $ …} line of a console block, with the lines shown under it. */
    private record Sample(String section, String command, List<String> expected, int from) {
    }

    @Test
    void everySampleOutputIsWhatItsCommandPrints() throws Exception {
        List<Sample> samples = samples();
        List<String> mismatches = new ArrayList<>();
        Map<Sample, String> printed = new LinkedHashMap<>();
        int ran = 0;
        for (Sample sample : samples) {
            if (skipReason(sample.command()).isPresent()) {
                continue;
            }
            if (sample.section().startsWith("`sentinel usage") && !seeded) {
                seed();
            }
            String actual = run(sample.command());
            printed.put(sample, pageView(actual));
            ran++;
            if (!matches(normalised(sample.expected()), normalised(actual.lines().toList()))) {
                mismatches.add(sample.section() + ": $ " + sample.command() + "\n--- the page shows:\n"
                        + String.join("\n", sample.expected()) + "\n--- the command printed:\n" + pageView(actual));
            }
        }
        writePrinted(printed);
        assertThat(ran).as("sample lines run").isGreaterThan(40);
        assertThat(mismatches).as("samples in docs/cli.md that differ from what the commands print").isEmpty();
    }

    @Test
    void onlyTheNamedKindsOfLinesAreSkipped() throws Exception {
        List<String> skipped = samples().stream().filter(sample -> skipReason(sample.command()).isPresent())
                .map(Sample::command).toList();

        assertThat(skipped).as("lines of the page the test does not run").hasSizeLessThanOrEqualTo(9);
    }

    /**
     * With {@code -Dsentinel.docs.printed=FILE}, writes the page with every sample's output replaced by what its
     * command printed, for a maintainer to compare or take (lines left out as {@code …} are printed in full).
     */
    private static void writePrinted(Map<Sample, String> printed) throws Exception {
        String target = System.getProperty("sentinel.docs.printed", "");
        if (target.isBlank() || target.startsWith("${")) {
            return;
        }
        List<String> page = new ArrayList<>(Files.readAllLines(CLI_MD, StandardCharsets.UTF_8));
        List<Sample> newestFirst = new ArrayList<>(printed.keySet());
        java.util.Collections.reverse(newestFirst);
        for (Sample sample : newestFirst) {
            List<String> lines = page.subList(sample.from(), sample.from() + withoutTrailingBlanks(sample.expected()).size());
            lines.clear();
            lines.addAll(printed.get(sample).lines().map(line -> shift(line, -daysSincePage())).toList());
        }
        Files.write(Path.of(target), page, StandardCharsets.UTF_8);
    }

    private static Optional<String> skipReason(String command) {
        return SKIPPED.entrySet().stream().filter(rule -> rule.getKey().matcher(command).find())
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every {@code $ …} line of the page's console blocks, in page order, continuation lines joined. */
    private static List<Sample> samples() throws Exception {
        List<Sample> samples = new ArrayList<>();
        String section = "";
        boolean console = false;
        int indent = 0;
        int from = 0;
        String command = null;
        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(CLI_MD, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!console && line.startsWith("## ")) {
                section = line.substring(3).strip();
            } else if (!console && line.strip().equals("```console")) {
                console = true;
                indent = line.indexOf('`');
            } else if (console && line.strip().equals("```")) {
                if (command != null) {
                    samples.add(new Sample(section, command, List.copyOf(expected), from));
                }
                console = false;
                command = null;
            } else if (console && line.strip().startsWith("$ ")) {
                if (command != null) {
                    samples.add(new Sample(section, command, List.copyOf(expected), from));
                }
                StringBuilder joined = new StringBuilder(line.strip().substring(2));
                while (joined.toString().endsWith("\\")) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(lines.get(++i).strip());
                }
                command = joined.toString().replaceAll(" +", " ").strip();
                expected = new ArrayList<>();
                from = i + 1;
            } else if (console && command != null) {
                expected.add(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line);
            }
        }
        return samples;
    }

    /** Runs one line of the page; returns stdout then stderr. */
    private String run(String command) throws Exception {
        if (command.equals("echo $?")) {
            return lastExitCode + "\n";
        }
        if (command.equals("./sentinel serve")) {
            return serve();
        }
        String runnable = SENTINEL.matcher(shiftDates(command)).replaceAll(Matcher.quoteReplacement("'" + LAUNCHER + "'"));
        ProcessBuilder bash = clean(new ProcessBuilder("bash", "-c", runnable));
        Path out = Files.createTempFile("sample", ".out");
        Path err = Files.createTempFile("sample", ".err");
        try {
            Process process = bash.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command).isTrue();
            lastExitCode = process.exitValue();
            return Files.readString(out) + Files.readString(err);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** {@code ./sentinel serve} on a free port: its stdout up to "Press Ctrl-C to stop.", then SIGTERM. */
    private String serve() throws Exception {
        int port = BuiltJar.freePort();
        Path out = Files.createTempFile("serve", ".out");
        Process server = clean(new ProcessBuilder(LAUNCHER.toString(), "serve", "--port", Integer.toString(port)))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("Press Ctrl-C to stop.")) {
                assertThat(server.isAlive()).as("serve is running").isTrue();
                assertThat(System.nanoTime()).as("serve started within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return Files.readString(out).replace("127.0.0.1:" + port, "127.0.0.1:8080");
        } finally {
            server.destroyForcibly();
            Files.delete(out);
        }
    }

    private ProcessBuilder clean(ProcessBuilder builder) {
        builder.directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    /** The command's dates moved from the page's day to today. */
    private static String shiftDates(String command) {
        return shift(command, daysSincePage());
    }

    private static long daysSincePage() {
        return ChronoUnit.DAYS.between(LocalDate.parse(PAGE_TODAY), LocalDate.now(ZoneOffset.UTC));
    }

    private static String shift(String text, long days) {
        return DATE.matcher(text).replaceAll(date -> {
            try {
                return LocalDate.parse(date.group()).plusDays(days).toString();
            } catch (java.time.format.DateTimeParseException notADate) {
                return date.group(); // a sample of a bad date stays as it is
            }
        });
    }

    /** What the command printed, in the page's terms: its paths as the page's directory. */
    private String pageView(String printed) {
        return printed.replace(LAUNCHER.toString(), PAGE_HOME + "/sentinel").replace(work.toString(), PAGE_HOME);
    }

    /** The lines with what differs from run to run replaced by placeholders, trailing blanks cut. */
    private List<String> normalised(List<String> lines) {
        return lines.stream().map(this::pageView).map(line -> line
                        .replaceAll("SP-\\d{4}-[A-Z0-9]{6}", "SP-<id>")
                        .replaceAll("spc_[A-Za-z0-9]+", "spc_<id>")
                        .replaceAll("sps_[A-Za-z0-9_-]+", "sps_<secret>")
                        .replaceAll("sat_[A-Za-z0-9_-]+", "sat_<token>")
                        .replaceAll("sst_[A-Za-z0-9_-]+", "sst_<token>")
                        .replaceAll("sak_[A-Za-z0-9_-]+", "sak_<key>")
                        .replaceAll("key_[A-Za-z0-9]{16}", "key_<id>")
                        .replaceAll("tp_[A-Za-z0-9]{16}", "tp_<id>")
                        .replaceAll("(?<![\\w-])[A-Za-z0-9_-]{43}(?![\\w-])", "<kid>")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                        .replaceAll("\\d{8}T\\d{6}Z", "<stamp>")
                        .replaceAll("\\b\\d{4}-\\d\\d-\\d\\d\\b", "<date>")
                        .replaceAll("\\b\\d\\d:\\d\\d\\b", "<hh:mm>")
                        .replaceAll("^Java .*$", "Java <version>")
                        .replaceAll("^sentinel \\S+$", "sentinel <version>")
                        .replaceAll("^Sentinel \\S+ listening", "Sentinel <version> listening")
                        .stripTrailing())
                .toList();
    }

    /** The lines without the blank ones at their end (a blank line may separate two samples of a block). */
    private static List<String> withoutTrailingBlanks(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }

    /**
     * Whether {@code actual} is {@code expected}, where a line {@code …} in {@code expected} stands for any lines;
     * blank lines at the end do not count.
     */
    private static boolean matches(List<String> expectedLines, List<String> actualLines) {
        List<String> expected = withoutTrailingBlanks(expectedLines);
        List<String> actual = withoutTrailingBlanks(actualLines);
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String line : expected) {
            if (line.strip().equals("…")) {
                parts.add(part);
                part = new ArrayList<>();
            } else {
                part.add(line);
            }
        }
        parts.add(part);
        if (parts.size() == 1) {
            return expected.equals(actual);
        }
        List<String> first = parts.get(0);
        List<String> last = parts.get(parts.size() - 1);
        if (actual.size() < first.size() + last.size() || !actual.subList(0, first.size()).equals(first)
                || !actual.subList(actual.size() - last.size(), actual.size()).equals(last)) {
            return false;
        }
        int at = first.size();
        for (List<String> middle : parts.subList(1, parts.size() - 1)) {
            at = indexOf(actual, middle, at, actual.size() - last.size());
            if (at < 0) {
                return false;
            }
            at += middle.size();
        }
        return true;
    }

    private static int indexOf(List<String> lines, List<String> wanted, int from, int to) {
        for (int i = from; i + wanted.size() <= to; i++) {
            if (lines.subList(i, i + wanted.size()).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The pass's activity history, the same on every run: in each of the last 23 whole hours (none in the current
     * one), and on each of the calendar days 2 to 28 before today, so that the hourly usage, the activity pages and
     * the exports show the same figures whenever the test runs. Waits for the next hour when this one is about to end.
     */
    private void seed() throws InterruptedException {
        Instant now = Instant.now();
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        if (nextHour.minusSeconds(150).isBefore(now)) {
            Thread.sleep(nextHour.toEpochMilli() - now.toEpochMilli() + 1_000);
            now = Instant.now();
        }
        Random random = new Random(26);
        List<ActivityEvent> events = new ArrayList<>();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (int hoursAgo = 23; hoursAgo >= 1; hoursAgo--) {
            int count = hoursAgo <= 8 ? 8 + hoursAgo % 3 : 30 + hoursAgo % 4;
            Instant start = hour.minus(hoursAgo, ChronoUnit.HOURS);
            for (int i = 0; i < count; i++) {
                events.add(event(random, start.plusSeconds(i * 3600L / count + random.nextInt(60))));
            }
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int daysAgo = 28; daysAgo >= 2; daysAgo--) {
            Instant day = today.minusDays(daysAgo).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int i = 0; i < 420; i++) {
                events.add(event(random, day.plusSeconds(i * 86_400L / 420 + random.nextInt(60))));
            }
        }
        ActivitySeed.record(work.resolve("sentinel-data"), events);
        seeded = true;
    }

    private static ActivityEvent event(Random random, Instant at) {
        String address = List.of("203.0.113.7", "203.0.113.8", "198.51.100.23").get(random.nextInt(3));
        ActivitySeed.Builder event = ActivitySeed.anEvent(PASS).at(at).from(address).withUserAgent("sourcing-agent/2.3");
        int kind = random.nextInt(100);
        if (kind < 8) {
            return event.ofType(ActivityType.TOKEN_GENERATION).withMethod("POST").withEndpoint("/oauth/token")
                    .withDurationMs(5 + random.nextInt(10)).build();
        }
        if (kind < 10) {
            return event.ofType(ActivityType.ERROR).withMethod("POST").withEndpoint("/oauth/token").withDurationMs(9)
                    .failed(401, "invalid_client").build();
        }
        if (kind < 12) {
            return event.ofType(ActivityType.ERROR).withEndpoint("/v1/suppliers").withDurationMs(50 + random.nextInt(650))
                    .failed(503, "upstream unavailable").build();
        }
        String endpoint = List.of("/v1/orders", "/v1/orders/{id}", "/v1/suppliers").get(random.nextInt(3));
        return event.withEndpoint(endpoint).withDurationMs(40 + random.nextInt(260)).build();
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.SentinelProcesses.Finished;
import dev.sentinel.cli.SentinelProcesses.Via;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive through the launcher and a copy of the built jar: made by the training run, not by
 * whatever runs first, so after {@code --version} first it still holds the classes {@code pass list} loads (counted
 * with {@code -Xlog:class+load}: each loaded class says whether it came from the archive or the jar); named for the
 * jar's checksum, so a rebuilt jar gets a new archive and the old one goes.
 */
class ClassDataArchiveIT {

    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (.+)$");
    private static final Pattern ARCHIVE = Pattern.compile("sentinel-\\d+\\.jsa");

    @TempDir
    Path work;

    @Test
    void anArchiveMadeAfterVersionRanFirstStillHoldsTheClassesOfPassList() throws Exception {
        Path jar = Files.copy(Path.of(BuiltJar.jar()), Files.createDirectory(work.resolve("lib")).resolve("sentinel.jar"));
        Path data = work.resolve("data");

        assertThat(launcher(jar, List.of(), "--version").exitCode()).isZero();
        List<Path> archives = archives(jar);
        assertThat(archives).hasSize(1);
        assertThat(launcher(jar, List.of(), "pass", "create", "--project", "demo", "--name", "Archive Agent", "--type",
                "bot", "--data-dir", data.toString()).exitCode()).isZero();
        Path log = work.resolve("class-load.log");
        Finished listed = launcher(jar, List.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "pass", "list",
                "--data-dir", data.toString());

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("Archive Agent");
        assertThat(archives(jar)).as("pass list used the archive and made no other").isEqualTo(archives);
        Counts counts = Counts.of(Files.readAllLines(log, StandardCharsets.UTF_8), jar);
        assertThat(counts.fromArchive("dev.sentinel.cli.pass.PassListCommand")).isTrue();
        assertThat(counts.fromArchive("dev.sentinel.persistence.jdbi.JdbiStorage")).isTrue();
        assertThat(counts.fromArchive("org.h2.engine.Database")).isTrue();
        // picocli's class files are Java 5 (version 49), which CDS does not archive; every other class should be in it
        assertThat(counts.fromJarBesidesPicocli()).as("classes read from the jar, picocli aside, against %d from the "
                + "archive", counts.fromArchive()).isLessThan(counts.fromArchive() / 50);
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        Path jar = Files.copy(Path.of(BuiltJar.jar()), Files.createDirectory(work.resolve("lib")).resolve("sentinel.jar"));
        assertThat(launcher(jar, List.of(), "--version").exitCode()).isZero();
        List<Path> before = archives(jar);

        rebuild(jar);
        Finished version = launcher(jar, List.of(), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        List<Path> after = archives(jar);
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void serveMakesNoArchive() throws Exception {
        Path jar = Files.copy(Path.of(BuiltJar.jar()), Files.createDirectory(work.resolve("lib")).resolve("sentinel.jar"));

        assertThat(launcher(jar, List.of(), "serve", "--help").exitCode()).isZero();

        assertThat(archives(jar)).isEmpty();
    }

    private static List<Path> archives(Path jar) throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa") || file.toString().contains(".jsa."))
                    .peek(file -> assertThat(file.getFileName().toString()).matches(ARCHIVE)).sorted().toList();
        }
    }

    /** The jar again with one more entry: other bytes, another checksum, the same classes. */
    private void rebuild(Path jar) throws IOException {
        Path rebuilt = work.resolve("rebuilt.jar");
        try (ZipFile original = new ZipFile(jar.toFile());
             ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(rebuilt))) {
            for (Enumeration<? extends ZipEntry> entries = original.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                copy.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = original.getInputStream(entry)) {
                    in.transferTo(copy);
                }
                copy.closeEntry();
            }
            copy.putNextEntry(new ZipEntry("META-INF/rebuilt.txt"));
            copy.write("rebuilt".getBytes(StandardCharsets.UTF_8));
            copy.closeEntry();
        }
        Files.move(rebuilt, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the launcher on {@code jar} with an extra environment variable (name, value) when given. */
    private Finished launcher(Path jar, List<String> variable, String... args) throws Exception {
        try (SentinelProcesses sentinel = new SentinelProcesses(work, Via.LAUNCHER)) {
            ProcessBuilder command = sentinel.command(args);
            command.environment().put("SENTINEL_JAR", jar.toString());
            command.environment().remove("JAVA_OPTS");
            if (!variable.isEmpty()) {
                command.environment().put(variable.get(0), variable.get(1));
            }
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            Process process = command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("sentinel " + String.join(" ", args)).isTrue();
            return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** Where the classes a run loaded came from, by class name. */
    private record Counts(List<String> archived, List<String> fromJar) {

        static Counts of(List<String> log, Path jar) {
            List<String[]> loaded = log.stream().map(LOADED::matcher).filter(Matcher::find)
                    .map(found -> new String[] {found.group(1), found.group(2)}).toList();
            return new Counts(
                    loaded.stream().filter(entry -> entry[1].startsWith("shared objects file (top)"))
                            .map(entry -> entry[0]).toList(),
                    loaded.stream().filter(entry -> entry[1].contains(jar.toString())).map(entry -> entry[0]).toList());
        }

        boolean fromArchive(String className) {
            return archived.contains(className);
        }

        int fromArchive() {
            return archived.size();
        }

        long fromJarBesidesPicocli() {
            return fromJar.stream().filter(name -> !name.startsWith("picocli.")).count();
        }
    }
}

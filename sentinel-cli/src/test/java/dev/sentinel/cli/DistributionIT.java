package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives {@code package} builds ({@code target/sentinel-VERSION.tar.gz} and {@code .zip}): they hold the
 * launchers, the runnable jar, the docs, LICENSE and README, and the unpacked {@code bin/sentinel} runs from any
 * working directory, through a symbolic link, and under a path with a space, with nothing but a JDK.
 */
class DistributionIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** failsafe sets it to {@code target/sentinel-VERSION}; the archives add {@code .tar.gz} and {@code .zip}. */
    private static final Path ARCHIVE = Path.of(System.getProperty("sentinel.distribution", "target/sentinel"));
    private static final String NAME = ARCHIVE.getFileName().toString();

    @TempDir
    Path work;

    private Path home;
    private Path elsewhere;

    @BeforeEach
    void unpack() throws Exception {
        Path installDir = Files.createDirectories(work.resolve("my tools"));
        Finished untar = run(new ProcessBuilder("tar", "-xzf", tarGz().toString(), "-C", installDir.toString()));
        assertThat(untar.exitCode()).as(untar.err()).isZero();
        home = installDir.resolve(NAME);
        elsewhere = Files.createDirectories(work.resolve("some other dir"));
    }

    @Test
    void theArchivesHoldLaunchersJarDocsLicenseAndReadme() throws IOException {
        Set<String> files = filesUnder(home);
        Path repository = Path.of(System.getProperty("sentinel.launcher", "../sentinel")).toAbsolutePath().getParent();
        Set<String> docs = new TreeSet<>();
        for (String doc : filesUnder(repository.resolve("docs"))) {
            docs.add("docs/" + doc);
        }

        assertThat(NAME).matches("sentinel-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(files).contains("bin/sentinel", "bin/sentinel.cmd", "lib/sentinel.jar", "LICENSE", "README.md",
                "docs/cli.md", "docs/embedding.md", "docs/operations.md").containsAll(docs);
        assertThat(Files.readString(home.resolve("LICENSE"))).isEqualTo(Files.readString(repository.resolve("LICENSE")));
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/sentinel")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(home.resolve("bin/sentinel.cmd"))).contains("\r\n")
                .contains("-jar \"%SENTINEL_JAR%\" %*").doesNotContainPattern("[^\r]\n");
        assertThat(Files.readString(home.resolve("bin/sentinel"))).doesNotContain("\r").contains("umask 077");
        try (ZipFile zip = new ZipFile(ARCHIVE.resolveSibling(NAME + ".zip").toFile())) {
            Set<String> zipped = new TreeSet<>();
            zip.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> zipped.add(entry.getName()));
            Set<String> expected = new TreeSet<>();
            files.forEach(file -> expected.add(NAME + "/" + file));
            assertThat(zipped).as("the zip holds what the tar.gz holds").isEqualTo(expected);
        }
    }

    @Test
    void versionRunsFromAnotherDirectoryWithJavaFromThePath() throws Exception {
        ProcessBuilder version = launcher("--version");
        version.environment().remove("JAVA_HOME");
        version.environment().put("PATH", Path.of(BuiltJar.java()).getParent() + ":/usr/bin:/bin");

        Finished finished = run(version);

        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out()).startsWith("sentinel " + NAME.substring("sentinel-".length()) + "\n");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void serveRunsWithoutTheAdminCommandFlags() throws Exception {
        Finished help = run(launcher("serve", "--help"));

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: sentinel serve");
        assertThat(archives()).as("serve makes no class-data archive").isEmpty();
    }

    @Test
    void adminCommandsKeepTheirDataWhereTheyAreToldAndForTheirUserOnly() throws Exception {
        Path dataDir = work.resolve("data dir");

        Finished created = run(launcher("pass", "create", "--project", "dist", "--name", "Dist Agent", "--type", "Tester",
                "--data-dir", dataDir.toString()));
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode json = MAPPER.readTree(created.out());
        String passId = json.get("pass").get("pass_id").asText();
        assertThat(json.get("credentials").get("client_secret").asText()).startsWith("sps_");

        Finished listed = run(launcher("pass", "list", "--project", "dist", "--data-dir", dataDir.toString()));
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(passId, "Dist Agent");
        assertThat(elsewhere).as("nothing is written to the working directory").isEmptyDirectory();
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> stored = Files.list(dataDir)) {
            assertThat(stored.toList()).isNotEmpty().allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                    .as(file.toString()).doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        }
        assertThat(archives()).as("the class-data archive of the admin commands, named for the jar's checksum")
                .singleElement().satisfies(archive -> assertThat(archive.getFileName().toString())
                        .matches("sentinel-\\d+\\.jsa"));
    }

    @Test
    void runsThroughASymbolicLinkOnThePath() throws Exception {
        Path links = Files.createDirectories(work.resolve("link dir"));
        Files.createSymbolicLink(links.resolve("sentinel"), home.resolve("bin/sentinel"));
        // Through a shell, which looks the command up on the PATH given here.
        ProcessBuilder help = new ProcessBuilder("bash", "-c", "sentinel --help").directory(elsewhere.toFile());
        help.environment().put("PATH", links + ":" + Path.of(BuiltJar.java()).getParent() + ":/usr/bin:/bin");
        clean(help.environment());

        Finished finished = run(help);

        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("Usage: sentinel", "serve", "pass");
    }

    @Test
    void saysWhatIsMissingWithoutJava() throws Exception {
        ProcessBuilder version = launcher("--version");
        version.environment().put("JAVA_HOME", work.resolve("no jdk here").toString());

        Finished finished = run(version);

        assertThat(finished.exitCode()).isEqualTo(1);
        assertThat(finished.err()).contains("JAVA_HOME=").contains("has no bin/java");
    }

    /** The class-data archives beside the distribution's jar. */
    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.filter(file -> file.getFileName().toString().contains(".jsa")).toList();
        }
    }

    private static Path tarGz() {
        Path tarGz = ARCHIVE.resolveSibling(NAME + ".tar.gz");
        assertThat(tarGz).as("package builds the distribution").exists();
        return tarGz;
    }

    /** {@code bin/sentinel} by its absolute path, from another directory, with the tests' JDK as JAVA_HOME. */
    private ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/sentinel").toString());
        Collections.addAll(command, args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
        clean(builder.environment());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private static void clean(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("SENTINEL_") || name.equals("JAVA_OPTS"));
    }

    private static Set<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            Set<String> files = new TreeSet<>();
            paths.filter(Files::isRegularFile).forEach(path -> files.add(root.relativize(path).toString()));
            return files;
        }
    }

    private record Finished(int exitCode, String out, String err) {
    }

    private Finished run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./sentinel} shows its build's progress instead of a minute of silence: one line per module and
 * Maven's errors, on stderr, so that stdout carries only the command's own output. A real build takes minutes, so the
 * launcher runs in a copy of the repository whose {@code mvnw} replays Maven's output and puts the built jar in place.
 */
class LauncherBuildProgressIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"));
    private static final String MAVEN_OUTPUT = String.join("\n",
            "[INFO] Scanning for projects...",
            "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/a.pom",
            "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/example/a.pom (1 kB at 9 kB/s)",
            "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/b.pom",
            "[INFO] ------------------------< dev.sentinel:sentinel-core >------------------------",
            "[INFO] Building Sentinel core 0.1.0-SNAPSHOT                                      [2/5]",
            "[INFO] --------------------------------[ jar ]---------------------------------",
            "[WARNING] a warning nobody needs at start-up",
            "[INFO] Building jar: /repo/sentinel-core/target/sentinel-core-0.1.0-SNAPSHOT.jar",
            "[INFO] Building Sentinel HTTP (Javalin) 0.1.0-SNAPSHOT                            [4/5]",
            "[INFO] Building Sentinel CLI 0.1.0-SNAPSHOT                                       [5/5]");

    @TempDir
    Path repository;

    @Test
    void aStaleJarIsBuiltWithOneLineOfProgressPerModuleOnStderr() throws Exception {
        fakeMaven("printf '%s\\n' \"$OUTPUT\"\nmkdir -p sentinel-cli/target\ncp \"$REAL_JAR\" sentinel-cli/target/sentinel.jar\n");

        Finished version = launch("--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("sentinel ").doesNotContain("building").doesNotContain("[INFO]");
        assertThat(version.err().lines().toList()).containsExactly(
                "sentinel: building the runnable jar (this takes a minute the first time)...",
                "sentinel: downloading the build's dependencies (once)...",
                "sentinel: building Sentinel core (2/5)...",
                "sentinel: building Sentinel HTTP (Javalin) (4/5)...",
                "sentinel: building Sentinel CLI (5/5)...");
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndExitsWithOne() throws Exception {
        fakeMaven("printf '%s\\n' '[INFO] Building Sentinel core 0.1.0-SNAPSHOT      [2/5]' "
                + "'[ERROR] /repo/sentinel-core/src/main/java/A.java:[3,1] class, interface, or enum expected' "
                + "'[INFO] BUILD FAILURE'\nexit 1\n");

        Finished failed = launch("--version");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err()).contains("sentinel: building Sentinel core (2/5)...")
                .contains("[ERROR] /repo/sentinel-core/src/main/java/A.java:[3,1] class, interface, or enum expected")
                .contains("BUILD FAILURE").contains("sentinel: the build failed");
    }

    /** A copy of the launcher beside an {@code mvnw} that runs {@code script}, in a repository without a jar. */
    private void fakeMaven(String script) throws Exception {
        Path launcher = repository.resolve("sentinel");
        Files.copy(LAUNCHER, launcher);
        Path mvnw = Files.writeString(repository.resolve("mvnw"), "#!/usr/bin/env bash\n" + script);
        for (Path executable : List.of(launcher, mvnw)) {
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
        }
        Files.writeString(repository.resolve("pom.xml"), "<project/>\n");
    }

    private record Finished(int exitCode, String out, String err) {
    }

    private Finished launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(repository.resolve("sentinel").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().put("OUTPUT", MAVEN_OUTPUT);
        builder.environment().put("REAL_JAR", BuiltJar.jar());
        Path out = Files.createTempFile(repository, "out", ".txt");
        Path err = Files.createTempFile(repository, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the backup-and-restore commands of docs/cli.md as written, through the launcher and the built jar, with their
 * absolute paths ({@code /var/lib}, {@code /backups}, {@code /secure/place}) moved under a temporary directory, and
 * all but the final {@code serve}: the restored store holds the pass backed up, for this user only.
 */
class BackupDocIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"))
            .toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    void theDocumentedBackupAndRestoreCommandsWork() throws Exception {
        String script = documentedScript();
        assertThat(script).contains("./sentinel backup", "unzip", "/var/lib/sentinel-restored");
        List<String> lines = script.strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("./sentinel serve ");
        String runnable = String.join("\n", lines.subList(0, lines.size() - 1))
                .replace("/var/lib/", root + "/var/lib/")
                .replace("/backups/", root + "/backups/")
                .replace("/secure/place/", root + "/secure/place/")
                .replace("./sentinel ", "'" + LAUNCHER + "' ");
        Files.createDirectories(root.resolve("var/lib"));
        Files.createDirectories(root.resolve("backups"));
        Path keyFile = Files.createDirectories(root.resolve("secure/place")).resolve("key-encryption.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Path data = root.resolve("var/lib/sentinel");
        String passId = createPass(data);

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", runnable).directory(root.toFile())
                .redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Backup written to " + root + "/backups/sentinel-").containsPattern("\ndemo +1 +never\n");
        Path restored = root.resolve("var/lib/sentinel-restored");
        assertThat(Files.getPosixFilePermissions(restored)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(restored)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .contains("sentinel.mv.db", "database.credentials", "key-encryption.key");
        }
        try (Stream<Path> files = Files.list(restored)) {
            assertThat(files.toList()).allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                    .as(file.toString()).doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        }
        assertThat(run("pass", "show", passId, "--data-dir", restored.toString())).contains(passId, "Backup Agent");
    }

    private static String documentedScript() throws Exception {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        Matcher block = Pattern.compile("## `sentinel backup[^\\n]*\\n.*?```bash\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("a bash block in the backup section of docs/cli.md").isTrue();
        return block.group(1);
    }

    private String createPass(Path data) throws Exception {
        String created = run("pass", "create", "--project", "demo", "--name", "Backup Agent", "--type", "bot",
                "--data-dir", data.toString());
        return new ObjectMapper().readTree(created).get("pass").get("pass_id").asText();
    }

    private String run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        Path err = root.resolve("err.txt");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return out;
    }
}

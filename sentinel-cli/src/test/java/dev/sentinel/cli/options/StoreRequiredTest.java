package dev.sentinel.cli.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only {@code serve} and {@code pass create} make a store; every command that reads or changes one refuses a place
 * that holds none, in one line naming it, and creates nothing there.
 */
class StoreRequiredTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"pass list --project demo", "project list", "pass show SP-2026-A1B2C3", "pass permissions SP-2026-A1B2C3",
        "pass toggle SP-2026-A1B2C3", "pass revoke SP-2026-A1B2C3", "pass activate SP-2026-A1B2C3",
        "pass regenerate SP-2026-A1B2C3", "pass delete SP-2026-A1B2C3 --yes", "usage SP-2026-A1B2C3",
        "activity list SP-2026-A1B2C3", "activity export SP-2026-A1B2C3", "keys rotate", "admin-token rotate",
        "backup --to backup.zip"})
    void aCommandThatNeedsAStoreRefusesADirectoryWithoutOneAndCreatesNothing(String command) {
        Path typo = tempDir.resolve("sentinel-dta");

        Result refused = new Cli(typo).run(command.split(" "));

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: no Sentinel store in " + typo + " (it holds no sentinel.mv.db); "
                + "'sentinel serve' or 'sentinel pass create' makes one\n");
        assertThat(typo).doesNotExist();
        assertThat(tempDir.toFile().list()).isEmpty();
    }

    @Test
    void passCreateMakesAnOwnerOnlyStore() throws Exception {
        Path dataDir = tempDir.resolve("data");

        new Cli(dataDir).createPass();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            files.forEach(file -> assertThat(uncheckedMode(file)).as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void aPasswordInADatabaseUrlIsNeverPrinted() {
        for (String url : new String[] {"postgres://sentinel:hunter2-password@127.0.0.1:1/sentinel",
            "jdbc:postgresql://sentinel:hunter2-password@127.0.0.1:1/sentinel",
            "jdbc:postgresql://127.0.0.1:1/sentinel?password=hunter2-password"}) {
            Result result = Cli.runRaw("pass", "list", "--project", "demo", "--db-url", url);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: ").doesNotContain("hunter2-password");
            assertThat(result.err().lines()).hasSize(1);
        }
    }

    @Test
    void backupWritesAnOwnerOnlyZipWithoutTheKeyEncryptionKey() throws Exception {
        Path dataDir = tempDir.resolve("data");
        Cli cli = new Cli(dataDir);
        cli.createPass();
        Files.writeString(dataDir.resolve("key-encryption.key"), "kept apart");
        Path target = tempDir.resolve("sentinel-backup.zip");

        Result backup = cli.run("backup", "--to", target.toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).startsWith("Backup written to " + target).contains("not the key-encryption key");
        assertThat(uncheckedMode(target)).isEqualTo("rw-------");
        try (var zip = new java.util.zip.ZipFile(target.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .containsExactlyInAnyOrder("sentinel.mv.db", "database.credentials");
        }
        Result again = cli.run("backup", "--to", target.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("it exists already");
    }

    private static String uncheckedMode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}

package dev.sentinel.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import dev.sentinel.persistence.jdbi.h2.EmbeddedH2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel audit list|export|verify} on a store the command line changed (entries sealed with the data
 * directory's key-encryption key, actor {@code cli:<OS user>}), and the attacks of the issue: a row changed in the H2
 * file by someone with the database but without the key, and a row deleted from the middle, each reported with its
 * position and exit code 1.
 */
class AuditCommandsTest {

    private static final String CLI_ACTOR = "cli:" + System.getProperty("user.name");

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    private Cli cli;

    @BeforeEach
    void aStoreWithAFewChanges() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(KeyEncryptionKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));
        cli = new Cli(dataDir);
        cli.createPass(); // 1 project.create (demo, implicitly), pass.create
        assertThat(cli.run("project", "create", "alpha").exitCode()).isZero();
        assertThat(cli.run("project", "create", "beta", "--display-name", "Beta;=HYPERLINK(\"x\")").exitCode()).isZero();
        assertThat(cli.run("project", "delete", "alpha").exitCode()).isZero();
    }

    @Test
    void listShowsTheEntriesNewestFirstWithTheCliActorAndFilters() {
        Result all = cli.run("audit", "list", "--json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        JsonNode data = all.json().get("data");
        assertThat(data.get(0).get("action").asText()).isEqualTo("project.delete");
        assertThat(data.get(0).get("project").asText()).isEqualTo("alpha");
        assertThat(data.findValuesAsText("actor")).containsOnly(CLI_ACTOR);

        Result created = cli.run("audit", "list", "--action", "project.create", "--project", "beta", "--json");
        assertThat(created.json().get("total").asLong()).isEqualTo(1);

        Result table = cli.run("audit", "list", "--actor", CLI_ACTOR);
        assertThat(table.out()).contains("project.delete", "ACTOR", CLI_ACTOR);

        Result none = cli.run("audit", "list", "--start-date", "2099-01-01");
        assertThat(none.out()).contains("No audit entries match.");

        Result bad = cli.run("audit", "list", "--start-date", "yesterday", "--per-page", "7");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("start_date (--start-date)", "per_page (--per-page)");
    }

    @Test
    void exportWritesJsonJsonlAndCsvWithTheFormulaGuard() throws Exception {
        Path csv = elsewhere.resolve("audit.csv");
        Result written = cli.run("audit", "export", "--format", "csv", "--out", csv.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("sequence,at,actor,action,project,pass_id,detail\r\n");
        assertThat(text).as("a spreadsheet splitting on ; would run the piece after it").contains(";'=HYPERLINK")
                .doesNotContain(";=HYPERLINK");

        Result again = cli.run("audit", "export", "--format", "csv", "--out", csv.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("refusing to overwrite");

        Result jsonl = cli.run("audit", "export", "--format", "jsonl", "--action", "project.create");
        assertThat(jsonl.out().lines()).hasSize(3).allMatch(line -> line.contains("\"action\":\"project.create\""));

        Result json = cli.run("audit", "export");
        assertThat(json.json().size()).isEqualTo(jsonl.out().lines().count() + 2);
        assertThat(json.json().get(0).get("sequence").asLong()).as("oldest first").isEqualTo(1);
    }

    @Test
    void verifyPassesOnAnUntouchedTrail() {
        Result verified = cli.run("audit", "verify");

        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).startsWith("The audit trail verifies: 5 entries chained");
    }

    @Test
    void aRowChangedInTheDatabaseFileIsReportedWithItsPosition() throws Exception {
        try (Connection attacker = h2(); Statement sql = attacker.createStatement()) {
            // someone with the database file but not the key-encryption key hides who deleted the project
            assertThat(sql.executeUpdate("UPDATE audit_entries SET actor = 'someone-else' WHERE chain_seq = 3"))
                    .isEqualTo(1);
        }

        Result verified = cli.run("audit", "verify", "--json", "--key-encryption-key-file", keyFile().toString());

        assertThat(verified.exitCode()).isEqualTo(1);
        JsonNode broken = verified.json().get("first_break");
        assertThat(broken.get("position").asLong()).isEqualTo(3);
        assertThat(broken.get("reason").asText()).isEqualTo("changed");
        assertThat(cli.run("audit", "verify", "--key-encryption-key-file", keyFile().toString()).err()).startsWith("error: the audit trail does not verify at entry 3 "
                + "(changed)");
    }

    @Test
    void aRowDeletedFromTheMiddleIsReportedWithItsPosition() throws Exception {
        try (Connection attacker = h2(); Statement sql = attacker.createStatement()) {
            assertThat(sql.executeUpdate("DELETE FROM audit_entries WHERE chain_seq = 2")).isEqualTo(1);
        }

        Result verified = cli.run("audit", "verify", "--key-encryption-key-file", keyFile().toString());

        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.err()).startsWith("error: the audit trail does not verify at entry 2 (missing): entry 2 is "
                + "missing");
    }

    @Test
    void verifyWithoutTheKeySaysWhereItLooked() throws Exception {
        Files.delete(dataDir.resolve(KeyEncryptionKey.FILE_NAME));

        Result refused = cli.run("audit", "verify");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: no key-encryption key:");
    }

    /**
     * The attacker's view: the data directory (the database file and its passwords) without the key-encryption key,
     * which is moved out of it first (as operators keep it, e.g. with --key-encryption-key-file); the verifier keeps
     * the key.
     */
    private Connection h2() throws Exception {
        Files.move(dataDir.resolve(KeyEncryptionKey.FILE_NAME), keyFile());
        return EmbeddedH2.ownerConnectionToExisting(EmbeddedH2.url(dataDir.toAbsolutePath().normalize()), dataDir);
    }

    private Path keyFile() {
        return elsewhere.resolve("kek");
    }
}

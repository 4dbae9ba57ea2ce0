package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassReadCommandsTest {

    @TempDir
    Path dataDir;

    private Cli cli;
    private String passId;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
        passId = cli.createPass("--permissions", "read:data,admin:users", "--organization", "Acme Corp")
                .get("pass").get("pass_id").asText();
    }

    @Test
    void listShowsTheProjectsPassesAsATable() {
        cli.run("pass", "create", "--project", "demo", "--name", "Second Agent", "--type", "bot");

        Result result = cli.run("pass", "list", "--project", "demo");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(3);
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("PASS ID").contains("STATUS", "CLIENT ID");
        assertThat(result.out()).contains(passId, "Test Agent", "Second Agent", "active").doesNotContain("sps_");
    }

    @Test
    void listPrintsJsonForScripts() {
        Result result = cli.run("pass", "list", "--project", "demo", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().isArray()).isTrue();
        assertThat(result.json().get(0).get("pass_id").asText()).isEqualTo(passId);
    }

    @Test
    void listOfAnEmptyProjectSaysSo() {
        Result result = cli.run("pass", "list", "--project", "other");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No passes in project other.\n");
        assertThat(cli.run("pass", "list", "--project", "other", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void listWithoutAProjectShowsEveryProjectsPassesByProjectName() {
        String zeta = cli.run("pass", "create", "--project", "zeta", "--name", "Zeta Agent", "--type", "bot").json()
                .get("pass").get("pass_id").asText();
        String acme = cli.run("pass", "create", "--project", "acme", "--name", "Acme Agent", "--type", "bot").json()
                .get("pass").get("pass_id").asText();

        Result result = cli.run("pass", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("PROJECT  PASS ID");
        assertThat(result.out().lines().skip(1).map(line -> line.split(" +"))
                .map(cells -> cells[0] + " " + cells[1]).toList())
                .containsExactly("acme " + acme, "demo " + passId, "zeta " + zeta);
        assertThat(cli.run("pass", "list", "--json").json()).extracting(pass -> pass.get("pass_id").asText())
                .containsExactly(acme, passId, zeta);
    }

    @Test
    void listWithoutAProjectOfAStoreWithoutPassesSaysHowToMakeOne() {
        cli.run("pass", "delete", passId, "--yes");

        Result result = cli.run("pass", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No passes yet: sentinel pass create --project NAME … makes one.\n");
    }

    @Test
    void listNeedsAValidProject() {
        assertThat(cli.run("pass", "list", "--project", "no spaces").err()).contains("project (--project)");
    }

    @Test
    void showPrintsMetadataAndOverviewStats() {
        Result result = cli.run("pass", "show", passId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Pass ID", passId, "Acme Corp", "Total requests", "Success rate",
                "Average latency", "Last used          never");
    }

    @Test
    void showPrintsJsonWithStats() {
        JsonNode json = cli.run("pass", "show", passId.toLowerCase(), "--json").json();

        assertThat(json.get("pass_id").asText()).isEqualTo(passId);
        assertThat(json.get("stats").get("total_requests").asLong()).isZero();
        assertThat(json.get("stats").get("last_used").isNull()).isTrue();
        assertThat(json.has("client_secret")).isFalse();
    }

    @Test
    void permissionsShowsLabelsProfileCapabilitiesAndValidity() {
        Result result = cli.run("pass", "permissions", passId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("read:data", "Read Data", "admin:users", "Admin Users",
                "Access profile  elevated", "Administration", "(valid)");
    }

    @Test
    void permissionsPrintsJson() {
        JsonNode json = cli.run("pass", "permissions", passId, "--json").json();

        assertThat(json.get("permissions").get(0).get("label").asText()).isEqualTo("Read Data");
        assertThat(json.get("access_profile").asText()).isEqualTo("elevated");
        assertThat(json.get("validity_state").asText()).isEqualTo("valid");
    }

    @Test
    void unknownPassIsAFailureNamingIt() {
        for (String command : new String[] {"show", "permissions", "regenerate", "toggle", "revoke", "activate"}) {
            Result result = cli.run("pass", command, "SP-2020-ZZZZZZ");
            assertThat(result.exitCode()).as(command).isEqualTo(1);
            assertThat(result.err()).as(command).isEqualTo("error: no pass with pass_id SP-2020-ZZZZZZ\n");
        }
        assertThat(cli.run("pass", "delete", "SP-2020-ZZZZZZ", "--yes").exitCode()).isEqualTo(1);
    }

    @Test
    void malformedPassIdIsAUsageError() {
        Result result = cli.run("pass", "show", "not-a-pass");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'not-a-pass' is not a pass id", "SP-2026-A1B2C3");
    }

    @Test
    void unreachableDatabaseIsAOneLineFailure() {
        Result result = Cli.runRaw("pass", "list", "--project", "demo",
                "--db-url", "jdbc:postgresql://127.0.0.1:1/sentinel", "--db-user", "nobody");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: ").contains("127.0.0.1:1").doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void unsupportedDatabaseUrlNamesTheOption() {
        Result result = Cli.runRaw("pass", "list", "--project", "demo", "--db-url", "jdbc:mysql://db/sentinel");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("db_url (--db-url): must start with jdbc:postgresql:");
    }
}

package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassCreateCommandTest {

    @TempDir
    Path dataDir;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
    }

    @Test
    void createsAPassWithEveryFieldAndPrintsItWithTheCredentials() {
        Result result = cli.run("pass", "create", "--project", "demo", "--name", "My Security Agent",
                "--type", "Sourcing Agent", "--description", "Finds suppliers", "--pass-id", "SP-2026-A1B2C3",
                "--access-level", "premium", "--organization", "Acme Corp", "--usage-type", "mcp_server",
                "--valid-from", "2026-01-01", "--valid-until", "2026-12-31", "--permissions", "read:data,admin:users",
                "--scopes", "orders invoices", "--notes", "Runs nightly");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode pass = result.json().get("pass");
        assertThat(pass.get("pass_id").asText()).isEqualTo("SP-2026-A1B2C3");
        assertThat(pass.get("project").asText()).isEqualTo("demo");
        assertThat(pass.get("agent_name").asText()).isEqualTo("My Security Agent");
        assertThat(pass.get("agent_type").asText()).isEqualTo("sourcing_agent");
        assertThat(pass.get("description").asText()).isEqualTo("Finds suppliers");
        assertThat(pass.get("access_level").asText()).isEqualTo("premium");
        assertThat(pass.get("organization").asText()).isEqualTo("Acme Corp");
        assertThat(pass.get("usage_type").asText()).isEqualTo("mcp_server");
        assertThat(pass.get("valid_from").asText()).isEqualTo("2026-01-01");
        assertThat(pass.get("valid_until").asText()).isEqualTo("2026-12-31");
        assertThat(pass.get("permissions").asText()).isEqualTo("read:data,admin:users");
        assertThat(pass.get("scopes").asText()).isEqualTo("orders invoices");
        assertThat(pass.get("integration_notes").asText()).isEqualTo("Runs nightly");
        assertThat(pass.get("status").asText()).isEqualTo("active");
        JsonNode credentials = result.json().get("credentials");
        assertThat(credentials.get("client_id").asText()).isEqualTo(pass.get("client_id").asText()).startsWith("spc_");
        assertThat(credentials.get("client_secret").asText()).startsWith("sps_");
        assertThat(result.err()).contains("shown only this once").doesNotContain("sps_");
    }

    @Test
    void takesRepeatedAudiencesAndShowsThem() {
        Result created = cli.run("pass", "create", "--project", "demo", "--name", "Aud Agent", "--type", "tester",
                "--audience", "https://orders.example.com", "--audience", "https://billing.example.com");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("pass").get("allowed_audiences").toString())
                .isEqualTo("[\"https://orders.example.com\",\"https://billing.example.com\"]");
        Result shown = cli.run("pass", "show", created.json().get("pass").get("pass_id").asText());
        assertThat(shown.out()).contains("https://orders.example.com, https://billing.example.com");
    }

    @Test
    void anAudienceThatIsNotAnAbsoluteUriIsRefusedNamingTheField() {
        Result refused = cli.run("pass", "create", "--project", "demo", "--name", "Aud Agent", "--type", "tester",
                "--audience", "orders.example.com");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("allowed_audiences").contains("absolute URI");
        assertThat(cli.run("pass", "list", "--project", "demo").out()).doesNotContain("Aud Agent");
    }

    @Test
    void fillsInTheReferenceDefaults() {
        JsonNode pass = cli.createPass().get("pass");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(pass.get("pass_id").asText()).matches("SP-\\d{4}-[A-Z0-9]{6}");
        assertThat(pass.get("access_level").asText()).isEqualTo("standard");
        assertThat(pass.get("usage_type").asText()).isEqualTo("automation_tool");
        assertThat(pass.get("permissions").asText()).isEqualTo("read,write");
        assertThat(pass.get("credential_type").asText()).isEqualTo("api_key");
        assertThat(pass.get("visibility").asText()).isEqualTo("privately_visible");
        assertThat(pass.get("valid_from").asText()).isEqualTo(today.toString());
        assertThat(pass.get("valid_until").asText()).isEqualTo(today.plusYears(1).toString());
        assertThat(pass.get("scopes").isNull()).isTrue();
    }

    @Test
    void printsBashExportLinesWithFormatEnv() {
        Result result = cli.run("pass", "create", "--project", "demo", "--name", "Bot", "--type", "bot",
                "--format", "env");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("export SENTINEL_CLIENT_ID='spc_\\w{24}'\nexport SENTINEL_CLIENT_SECRET='sps_\\w+'\n");
    }

    @Test
    void badAccessLevelListsTheAllowedValues() {
        Result result = createWith("--access-level", "gold");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: access_level (--access-level): must be one of basic, standard, "
                + "premium, enterprise (got 'gold')\n");
    }

    @Test
    void badUsageTypeListsTheAllowedValues() {
        Result result = createWith("--usage-type", "robot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("usage_type (--usage-type): must be one of ai_assistant, automation_tool");
    }

    @Test
    void badDatesNameTheirField() {
        assertThat(createWith("--valid-from", "2026-13-01").err())
                .contains("valid_from (--valid-from): must be a date as YYYY-MM-DD");
        assertThat(createWith("--valid-until", "tomorrow").err())
                .contains("valid_until (--valid-until): must be a date as YYYY-MM-DD");
        assertThat(createWith("--valid-from", "2026-06-01", "--valid-until", "2026-05-01").err())
                .contains("valid_until (--valid-until): must be after valid_from");
    }

    @Test
    void datesOutsideTheYears1970To9999AreRefusedWithTheRangeAndNothingIsStored() {
        Result first = cli.run("pass", "create", "--project", "demo", "--name", "First", "--type", "bot");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Result from = createWith("--valid-from", "+999999989-12-31");
        Result until = createWith("--valid-until", "+999999995-01-01");

        assertThat(from.exitCode()).isEqualTo(1);
        assertThat(from.err()).contains("valid_from (--valid-from): must be from 1970-01-01 to 9999-12-31");
        assertThat(until.exitCode()).isEqualTo(1);
        assertThat(until.err()).contains("valid_until (--valid-until): must be from 1970-01-01 to 9999-12-31");
        Result list = cli.run("pass", "list", "--project", "demo", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).doesNotContain("\"Bot\"");
    }

    @Test
    void badTextFieldsNameTheirField() {
        assertThat(createWith("--permissions", "read,,write").err()).contains("permissions (--permissions)");
        assertThat(createWith("--scopes", "a\"b").err()).contains("scopes (--scopes)");
        assertThat(createWith("--pass-id", "PASS-1").err()).contains("pass_id (--pass-id): must look like SP-");
        assertThat(createWith("--description", "x".repeat(1001)).err()).contains("description (--description)");
        assertThat(createWith("--organization", "x".repeat(201)).err()).contains("organization (--organization)");
        assertThat(createWith("--notes", "x".repeat(4001)).err()).contains("integration_notes (--notes)");
    }

    @Test
    void badInputMakesNoNewStore() {
        Path fresh = dataDir.resolve("fresh");

        Result result = new Cli(fresh).run("pass", "create", "--project", "demo", "--name", "Bad!", "--type", "bot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: agent_name (--name)").doesNotContain("new store");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aNewStoreIsNamedOnStderrOnceButNeverOnStdout() {
        Path fresh = dataDir.resolve("fresh");

        Result first = new Cli(fresh).run("pass", "create", "--project", "demo", "--name", "First", "--type", "bot",
                "--format", "env");
        Result second = new Cli(fresh).run("pass", "create", "--project", "demo", "--name", "Second", "--type", "bot");

        assertThat(first.err()).startsWith("sentinel: created a new store: H2 database in " + fresh + "; no server uses "
                + "it yet.");
        assertThat(first.out()).startsWith("export SENTINEL_CLIENT_ID=").doesNotContain("store");
        assertThat(second.err()).doesNotContain("new store");
    }

    @Test
    void reportsEveryBrokenRuleAtOnceOnOneLine() {
        Result result = cli.run("pass", "create", "--project", "demo", "--name", "Bad!", "--type", "---",
                "--access-level", "gold");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("agent_name (--name)", "agent_type (--type)", "access_level (--access-level)");
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badProjectNamesTheField() {
        Result result = cli.run("pass", "create", "--project", "a/b", "--name", "Bot", "--type", "bot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("project (--project)");
    }

    @Test
    void takenPassIdIsAConflict() {
        cli.createPass("--pass-id", "SP-2026-AAAAAA");

        Result result = createWith("--pass-id", "SP-2026-AAAAAA");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("SP-2026-AAAAAA is taken");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        Result result = cli.run("pass", "create", "--project", "demo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required options", "--name", "--type");
    }

    @Test
    void unknownFormatOrOptionIsAUsageError() {
        assertThat(createWith("--format", "xml").exitCode()).isEqualTo(2);
        assertThat(createWith("--format", "xml").err()).contains("expected one of [json, env]");
        assertThat(createWith("--colour", "red").exitCode()).isEqualTo(2);
    }

    @Test
    void unknownHasherNamesTheOption() {
        Result result = createWith("--hasher", "md5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("hasher (--hasher): must be one of sha256, argon2id");
    }

    @Test
    void argon2idHashedPassesAreCreated() {
        assertThat(createWith("--hasher", "argon2id").exitCode()).isZero();
    }

    @Test
    void verboseShowsTheStackTrace() {
        Result result = createWith("--access-level", "gold", "--verbose");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("ValidationException", "\tat ");
    }

    private Result createWith(String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("pass", "create", "--project", "demo",
                "--name", "Bot", "--type", "bot"));
        args.addAll(java.util.List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }
}

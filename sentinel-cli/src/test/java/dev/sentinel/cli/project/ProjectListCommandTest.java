package dev.sentinel.cli.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectListCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void listsEveryProjectByNameWithItsPassCount() {
        Cli cli = new Cli(dataDir);
        cli.run("pass", "create", "--project", "acme", "--name", "One", "--type", "bot");
        cli.run("pass", "create", "--project", "acme", "--name", "Two", "--type", "bot");
        cli.run("pass", "create", "--project", "beta", "--name", "Three", "--type", "bot");

        Result table = cli.run("project", "list");
        Result json = cli.run("project", "list", "--json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().skip(1).map(line -> line.split("\\s+")[0] + "=" + line.split("\\s+")[1]))
                .containsExactly("acme=2", "beta=1");
        JsonNode items = json.json();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("name").asText()).isEqualTo("acme");
        assertThat(items.get(0).get("passes").asInt()).isEqualTo(2);
        assertThat(items.get(0).get("last_activity").isNull()).isTrue();
    }

    @Test
    void aProjectWithoutPassesIsListedUntilItIsDeleted() {
        Cli cli = new Cli(dataDir);
        String passId = cli.createPass().get("pass").get("pass_id").asText();
        assertThat(cli.run("pass", "delete", passId, "--yes").exitCode()).isZero();
        assertThat(cli.run("project", "list").out()).containsPattern("(?m)^demo +0 +never$");
        assertThat(cli.run("project", "delete", "demo").exitCode()).isZero();

        Result result = cli.run("project", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("No projects yet").contains("sentinel project create NAME");
        assertThat(cli.run("project", "list", "--json").json()).isEmpty();
    }
}

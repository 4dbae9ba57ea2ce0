package dev.sentinel.cli.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentinel resource create|list|delete} in-process on a real H2 store; what they write is read back from it. */
class ResourceCommandsTest {

    @TempDir
    Path dataDir;

    private Cli cli;
    private String project;

    @BeforeEach
    void aStore() {
        cli = new Cli(dataDir);
        cli.createPass();
        project = "demo";
    }

    @Test
    void registersListsAndDeletesAResourceAudited() {
        Result created = cli.run("resource", "create", "--project", project, "--resource",
                "https://tools.example.com/mcp", "--name", "Tools", "--scope", "tools:read=List the tools",
                "--admin-scope", "tools:run=Run a tool", "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String id = created.json().path("id").asText();
        assertThat(id).startsWith("rs_");
        assertThat(created.json().path("scopes").findValuesAsText("min_role")).containsExactly("viewer", "admin");

        Result listed = cli.run("resource", "list", "--project", project);
        assertThat(listed.out()).contains("RESOURCE", id, "https://tools.example.com/mcp", "tools:read tools:run(admin)");
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            List<RegisteredResource> stored = storage.read(
                    (StorageSession session) -> session.resources().listByProject(new ProjectId(project)));
            assertThat(stored)
                    .singleElement().satisfies(resource -> assertThat(resource.name()).isEqualTo("Tools"));
        }

        Result deleted = cli.run("resource", "delete", id);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(cli.run("resource", "list", "--project", project).out()).contains("No resources in " + project);
        Result missing = cli.run("resource", "delete", id);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no resource " + id);
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            List<AuditEntry> audit = storage.read((StorageSession session) -> session.audit().recent(50));
            assertThat(audit).extracting(AuditEntry::action).filteredOn(action -> action.startsWith("resource."))
                    .containsExactlyInAnyOrder("resource.create", "resource.delete");
        }
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndNothingIsWritten() {
        Result refused = cli.run("resource", "create", "--project", project, "--resource",
                "http://tools.example.com/mcp", "--name", " ", "--scope", "bad scope=Has a space");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("resource (--resource)", "name (--name)", "scopes[0].name");
        Result malformed = cli.run("resource", "create", "--project", project, "--resource",
                "https://tools.example.com/mcp", "--name", "Tools", "--scope", "no-description");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("NAME=DESCRIPTION", "'no-description'");
        assertThat(cli.run("resource", "list", "--project", project, "--json").json().path("resources")).isEmpty();
    }
}

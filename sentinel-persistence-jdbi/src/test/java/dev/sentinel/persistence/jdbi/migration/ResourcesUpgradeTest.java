package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.application.resource.ResourceDraft;
import dev.sentinel.core.application.resource.ResourceService;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's release (schema version 16) with a project and a pass, opened by this version (resources, V21):
 * the pass is kept, a resource of the project can be registered and read back with its scopes, its identifier cannot
 * be registered by a second project, and deleting the project deletes its resources. On H2 and PostgreSQL.
 */
class ResourcesUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTodaysSchemaKeepsItsPassesAndRegistersResourcesOnH2() throws Exception {
        assertUpgrade(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTodaysSchemaKeepsItsPassesAndRegistersResourcesOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgrade(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgrade(DatabaseConfig config, String url, String user, String password)
            throws Exception {
        TodaysStore.create(url, user, password);

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            PassId pass = new PassId(TodaysStore.PASS_ID);
            assertThat(storage.read((StorageSession session) -> session.passes().find(pass))).isPresent();
            ResourceService resources = new ResourceService(storage, CredentialGenerator.create(),
                    Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), java.time.ZoneOffset.UTC));
            ProjectId legacy = new ProjectId(TodaysStore.PROJECT);
            RegisteredResource tools = resources.create(Principal.server(), legacy, new ResourceDraft(
                    "https://tools.example.com/mcp", "Tools", List.of(
                            new ResourceDraft.Scope("tools:read", "List and read the tools", null),
                            new ResourceDraft.Scope("tools:run", "Run a tool", "admin"))));
            assertThat(resources.list(Principal.server(), legacy)).containsExactly(tools);
            assertThat(tools.scope("tools:run")).hasValueSatisfying(scope ->
                    assertThat(scope.minRole()).isEqualTo(Role.ADMIN));
            assertThat(storage.read((StorageSession session) ->
                    session.resources().findByIdentifier("https://tools.example.com/mcp"))).contains(tools);

            storage.inTransaction(session -> {
                session.projects().add(new Project(new ProjectId("other"), Optional.empty(), Instant.EPOCH));
                return null;
            });
            assertThatThrownBy(() -> resources.create(Principal.server(), new ProjectId("other"), new ResourceDraft(
                    "https://tools.example.com/mcp", "Mine too", null)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("registered already");

            storage.inTransaction(session -> session.passes().delete(pass));
            storage.inTransaction(session -> session.projects().delete(legacy));
            assertThat(storage.read((StorageSession session) -> session.resources().find(tools.id()))).isEmpty();
        }
    }
}

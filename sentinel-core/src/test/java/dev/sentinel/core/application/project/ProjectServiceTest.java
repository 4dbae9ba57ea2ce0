package dev.sentinel.core.application.project;

import static dev.sentinel.core.fixtures.TestAccessKeys.anAccessKey;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotEmptyException;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.Principal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectServiceTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final ProjectService projects = new ProjectService(storage, clock, new Actor("ada@example.com"));
    private final PassService passes = new PassService(storage, TestServices.HASHER, CredentialGenerator.create(), clock,
            new Actor("ada@example.com"));

    private static CreatePassCommand passIn(String project) {
        return CreatePassCommand.builder(project).agentName("Agent").agentType("Agent").build();
    }

    @Test
    void createsAProjectWithTheProjectNameRulesAndAnOptionalDisplayName() {
        assertThat(projects.create("billing", "  Billing team ").displayName()).contains("Billing team");
        assertThat(projects.find(new ProjectId("billing"))).isPresent();
        assertThatThrownBy(() -> projects.create("-bad name", "x".repeat(101)))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(FieldViolation::field).containsExactly("project", "display_name"));
        assertThatThrownBy(() -> projects.create("billing", "")).isInstanceOf(ConflictException.class);
        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.audit().recent(5))).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("project.create");
            assertThat(entry.project()).contains("billing");
            assertThat(entry.actor()).isEqualTo("ada@example.com");
        });
    }

    @Test
    void listsEveryProjectWithItsPassCountIncludingEmptyOnes() {
        projects.create("empty", "");
        passes.create(passIn("busy"));
        passes.create(passIn("busy"));

        assertThat(projects.list()).extracting(overview -> overview.project().name().value() + "=" + overview.passes())
                .containsExactly("busy=2", "empty=0");
    }

    @Test
    void aPassInAMissingProjectCreatesItForOwnersAndIsNotFoundOtherwise() {
        passes.create(passIn("scripts"));
        assertThat(projects.find(new ProjectId("scripts"))).hasValueSatisfying(project ->
                assertThat(project.createdAt()).isEqualTo(T0));

        assertThatThrownBy(() -> passes.create(passIn("elsewhere"), false)).isInstanceOf(ProjectNotFoundException.class);
        assertThat(projects.find(new ProjectId("elsewhere"))).isEmpty();
        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.passes().listByProject(new ProjectId("elsewhere")))).isEmpty();
        assertThat(passes.create(passIn("scripts"), false).pass().pass().project().value()).isEqualTo("scripts");
    }

    @Test
    void aProjectHoldingPassesIsNotDeletedAndAnEmptyOneIs() {
        PassId passId = passes.create(passIn("demo")).pass().passId();

        assertThatThrownBy(() -> projects.delete(new ProjectId("demo"))).isInstanceOfSatisfying(
                ProjectNotEmptyException.class, refused -> assertThat(refused.passes()).isEqualTo(1));
        assertThat(projects.find(new ProjectId("demo"))).isPresent();

        passes.delete(passId);
        projects.delete(new ProjectId("demo"));

        assertThat(projects.find(new ProjectId("demo"))).isEmpty();
        assertThatThrownBy(() -> projects.delete(new ProjectId("demo"))).isInstanceOf(ProjectNotFoundException.class);
    }

    @Test
    void aCallerSeesOnlyItsProjects() {
        projects.create("alpha", "");
        projects.create("beta", "");

        assertThat(projects.listVisibleTo(Principal.key(anAccessKey().withRole(Role.VIEWER).inProjects("beta").build())))
                .extracting(overview -> overview.project().name().value()).containsExactly("beta");
        assertThat(projects.listVisibleTo(Principal.adminToken())).hasSize(2);
        assertThat(Optional.of(projects.listVisibleTo(Principal.key(anAccessKey().withRole(Role.METRICS).build()))))
                .hasValueSatisfying(list -> assertThat(list).isEmpty());
    }
}

package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.domain.resource.ResourceScope;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link Resources}, for every adapter. */
public abstract class ResourcesContract extends StorageContractSupport {

    private static final ProjectId DEMO = new ProjectId("demo");
    private static final ProjectId OTHER = new ProjectId("other");

    @BeforeEach
    void twoProjects() {
        run(session -> {
            session.projects().add(Project.named(DEMO, T0));
            session.projects().add(Project.named(OTHER, T0));
        });
    }

    private static RegisteredResource resource(String id, ProjectId project, String identifier, int second) {
        return new RegisteredResource(new ResourceId("rs_" + id.repeat(16)), project, identifier, "Tools \"β\"",
                List.of(new ResourceScope("tools:read", "List the tools, \"quoted\" and ünïcode", Role.VIEWER),
                        new ResourceScope("tools:run", "Run a tool", Role.ADMIN)), T0.plusSeconds(second));
    }

    @Test
    void keepsEveryFieldAndFindsByIdentifierExactly() {
        RegisteredResource first = resource("A", DEMO, "https://tools.example.com/mcp", 0);
        RegisteredResource second = resource("B", DEMO, "http://127.0.0.1:8080/mcp", 1);
        RegisteredResource elsewhere = resource("C", OTHER, "https://api.example.com", 2);
        run(session -> {
            session.resources().add(first);
            session.resources().add(second);
            session.resources().add(elsewhere);
        });

        assertThat(tx((StorageSession session) -> session.resources().find(first.id()))).contains(first);
        assertThat(tx((StorageSession session) -> session.resources().listByProject(DEMO)))
                .containsExactly(first, second);
        assertThat(tx((StorageSession session) -> session.resources().findByIdentifier("https://api.example.com")))
                .contains(elsewhere);
        assertThat(tx((StorageSession session) -> session.resources().findByIdentifier("https://api.example.com/")))
                .as("the identifier is compared exactly").isEmpty();
    }

    @Test
    void anIdentifierBelongsToOneProject() {
        run(session -> session.resources().add(resource("A", DEMO, "https://tools.example.com/mcp", 0)));

        assertThatThrownBy(() -> run(session -> session.resources().add(
                resource("B", OTHER, "https://tools.example.com/mcp", 1))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("registered already");
        assertThat(tx((StorageSession session) -> session.resources().listByProject(OTHER))).isEmpty();
    }

    @Test
    void replaceChangesWhatTheResourceSaysButNotIntoAnotherOnesIdentifier() {
        RegisteredResource first = resource("A", DEMO, "https://one.example.com", 0);
        RegisteredResource second = resource("B", DEMO, "https://two.example.com", 1);
        run(session -> {
            session.resources().add(first);
            session.resources().add(second);
        });
        RegisteredResource renamed = new RegisteredResource(first.id(), DEMO, "https://uno.example.com", "Uno",
                List.of(), first.createdAt());

        assertThat(tx((StorageSession session) -> session.resources().replace(renamed))).isTrue();
        assertThat(tx((StorageSession session) -> session.resources().find(first.id()))).contains(renamed);
        RegisteredResource clash = new RegisteredResource(second.id(), DEMO, "https://uno.example.com", "Clash",
                List.of(), second.createdAt());
        assertThatThrownBy(() -> run(session -> session.resources().replace(clash)))
                .isInstanceOf(ConflictException.class);
        assertThat(tx((StorageSession session) -> session.resources().find(second.id()))).contains(second);
        assertThat(tx((StorageSession session) -> session.resources().replace(
                resource("Z", DEMO, "https://zed.example.com", 3)))).isFalse();
    }

    @Test
    void deleteRemovesOnlyThatResourceAndDeletingTheProjectRemovesItsResources() {
        RegisteredResource first = resource("A", DEMO, "https://one.example.com", 0);
        RegisteredResource second = resource("B", DEMO, "https://two.example.com", 1);
        RegisteredResource elsewhere = resource("C", OTHER, "https://three.example.com", 2);
        run(session -> {
            session.resources().add(first);
            session.resources().add(second);
            session.resources().add(elsewhere);
        });

        assertThat(tx((StorageSession session) -> session.resources().delete(first.id()))).isTrue();
        assertThat(tx((StorageSession session) -> session.resources().delete(first.id()))).isFalse();
        assertThat(tx((StorageSession session) -> session.resources().listByProject(DEMO))).containsExactly(second);
        run(session -> session.projects().delete(DEMO));
        assertThat(tx((StorageSession session) -> session.resources().find(second.id()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.resources().find(elsewhere.id()))).contains(elsewhere);
    }
}

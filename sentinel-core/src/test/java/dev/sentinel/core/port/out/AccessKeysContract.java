package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccessKeys.anAccessKey;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.domain.access.Role;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link AccessKeys}, for every adapter. */
public abstract class AccessKeysContract extends StorageContractSupport {

    private final AccessKey viewer = anAccessKey().withId("key_" + "V".repeat(16)).named("dashboards")
            .withRole(Role.VIEWER).inProjects("demo", "ops").withHash("$sha256$viewer").expiresAt(T0.plusSeconds(3600))
            .build();
    private final AccessKey owner = anAccessKey().withId("key_" + "O".repeat(16)).withHash("$sha256$owner").build();

    @BeforeEach
    void projects() {
        run(session -> {
            session.projects().add(Project.named(new ProjectId("demo"), T0));
            session.projects().add(Project.named(new ProjectId("ops"), T0));
        });
    }

    @Test
    void addsAndFindsKeysByIdAndByHashWithTheirProjects() {
        run(session -> {
            session.accessKeys().add(viewer);
            session.accessKeys().add(owner);
        });

        assertThat(tx((StorageSession session) -> session.accessKeys().find(viewer.id()))).contains(viewer);
        assertThat(tx((StorageSession session) -> session.accessKeys().findByHash("$sha256$viewer"))).contains(viewer);
        assertThat(tx((StorageSession session) -> session.accessKeys().findByHash("$sha256$owner"))).contains(owner);
        assertThat(tx((StorageSession session) -> session.accessKeys().findByHash("$sha256$other"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.accessKeys().list())).containsExactlyInAnyOrder(viewer, owner);
    }

    @Test
    void aTakenHashIsAConflict() {
        run(session -> session.accessKeys().add(owner));

        assertThatThrownBy(() -> run(session -> session.accessKeys().add(anAccessKey().withId("key_" + "X".repeat(16))
                .withHash("$sha256$owner").build()))).isInstanceOf(ConflictException.class);
    }

    @Test
    void deleteRevokesTheKey() {
        run(session -> session.accessKeys().add(viewer));

        assertThat(tx((StorageSession session) -> session.accessKeys().delete(viewer.id()))).isTrue();
        assertThat(tx((StorageSession session) -> session.accessKeys().delete(viewer.id()))).isFalse();
        assertThat(tx((StorageSession session) -> session.accessKeys().findByHash(viewer.hash()))).isEmpty();
    }

    @Test
    void touchRecordsTheLatestUseOnlyAndSkipsKeysThatAreGone() {
        run(session -> session.accessKeys().add(owner));

        run(session -> session.accessKeys().touch(Map.of(owner.id(), T0.plusSeconds(60),
                new AccessKeyId("key_" + "G".repeat(16)), T0)));
        run(session -> session.accessKeys().touch(Map.of(owner.id(), T0.plusSeconds(30))));

        assertThat(tx((StorageSession session) -> session.accessKeys().find(owner.id()))).hasValueSatisfying(key ->
                assertThat(key.lastUsedAt()).contains(T0.plusSeconds(60)));
    }

    @Test
    void aDeletedProjectLeavesTheScopeOfTheKeysThatHeldOthersToo() {
        run(session -> session.accessKeys().add(viewer));

        run(session -> session.projects().delete(new ProjectId("ops")));

        assertThat(tx((StorageSession session) -> session.accessKeys().find(viewer.id()))).hasValueSatisfying(key ->
                assertThat(key.projects()).containsExactly(new ProjectId("demo")));
    }
}

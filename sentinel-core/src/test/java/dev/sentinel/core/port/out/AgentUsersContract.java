package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAgentUsers.SOME_HASH;
import static dev.sentinel.core.fixtures.TestAgentUsers.defaultAgentUser;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.CredentialSet;
import dev.sentinel.core.fixtures.TestIds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link AgentUsers}, for every adapter. */
public abstract class AgentUsersContract extends StorageContractSupport {

    @Test
    void findsAnAddedAgentUserWithEveryField() {
        AgentUser user = defaultAgentUser().withName("My Security Agent").withType("security_agent")
                .withDescription("Scans repositories\nnightly").build();
        run(session -> session.agentUsers().add(user));

        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId()))).contains(user);
    }

    @Test
    void keepsTheCredentialSetInOrderWithItsEnds() {
        Credential current = Credential.current("$sha256$" + "cd".repeat(32), T0.plusSeconds(60));
        Credential previous = new Credential(SOME_HASH, T0, Optional.of(T0.plus(Duration.ofHours(1))));
        AgentUser user = defaultAgentUser().withCredentials(current, previous).build();
        run(session -> session.agentUsers().add(user));

        AgentUser found = tx(session -> session.agentUsers().find(user.clientId())).orElseThrow();
        assertThat(found.credentials().credentials()).containsExactly(current, previous);
    }

    @Test
    void findsNothingForAnUnknownClientId() {
        run(session -> session.agentUsers().add(defaultAgentUser().build()));

        assertThat(tx((StorageSession session) -> session.agentUsers().find(TestIds.newClientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.agentUsers().findForUpdate(TestIds.newClientId()))).isEmpty();
    }

    @Test
    void rejectsATakenClientIdAsAConflictOnClientId() {
        AgentUser user = defaultAgentUser().build();
        run(session -> session.agentUsers().add(user));
        AgentUser twin = defaultAgentUser().withClientId(user.clientId()).withName("Twin").build();

        assertThatThrownBy(() -> run(session -> session.agentUsers().add(twin)))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("client_id"));
        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId()))).contains(user);
    }

    @Test
    void findForUpdateReturnsTheStoredAgentUser() {
        AgentUser user = defaultAgentUser().build();
        run(session -> session.agentUsers().add(user));

        assertThat(tx((StorageSession session) -> session.agentUsers().findForUpdate(user.clientId()))).contains(user);
    }

    @Test
    void updateReplacesTheCredentialSetAndUpdateTime() {
        AgentUser user = defaultAgentUser().build();
        run(session -> session.agentUsers().add(user));
        Credential replacement = Credential.current("$sha256$" + "ef".repeat(32), T0.plusSeconds(5));
        CredentialSet rotated = user.credentials().rotate(replacement, T0.plusSeconds(5), Duration.ofMinutes(10));
        AgentUser changed = user.withCredentials(rotated, T0.plusSeconds(5));

        run(session -> session.agentUsers().update(changed));

        AgentUser found = tx(session -> session.agentUsers().find(user.clientId())).orElseThrow();
        assertThat(found).isEqualTo(changed);
        assertThat(found.credentials().credentials()).hasSize(2);
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void updateCanShrinkTheCredentialSet() {
        Credential previous = new Credential(SOME_HASH, T0, Optional.of(T0.plusSeconds(600)));
        Credential current = Credential.current("$sha256$" + "cd".repeat(32), T0.plusSeconds(1));
        AgentUser user = defaultAgentUser().withCredentials(current, previous).build();
        run(session -> session.agentUsers().add(user));
        AgentUser changed = user.withCredentials(CredentialSet.of(current), T0.plusSeconds(2));

        run(session -> session.agentUsers().update(changed));

        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId())).orElseThrow().credentials().credentials())
                .containsExactly(current);
    }

    @Test
    void deleteRemovesTheAgentUserAndItsCredentials() {
        AgentUser user = defaultAgentUser().build();
        AgentUser other = defaultAgentUser().build();
        run(session -> {
            session.agentUsers().add(user);
            session.agentUsers().add(other);
        });

        assertThat(tx((StorageSession session) -> session.agentUsers().delete(user.clientId()))).isTrue();

        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.agentUsers().find(other.clientId()))).contains(other);
    }

    @Test
    void deleteReportsWhenThereWasNoAgentUser() {
        assertThat(tx((StorageSession session) -> session.agentUsers().delete(TestIds.newClientId()))).isFalse();
    }

    @Test
    void aDeletedClientIdCanBeAddedAgain() {
        AgentUser user = defaultAgentUser().build();
        run(session -> session.agentUsers().add(user));
        run(session -> session.agentUsers().delete(user.clientId()));

        run(session -> session.agentUsers().add(user));

        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId())).map(List::of)).contains(List.of(user));
    }
}

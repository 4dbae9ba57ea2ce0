package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link Memberships}, for every adapter. */
public abstract class MembershipsContract extends StorageContractSupport {

    private static final ProjectId DEMO = new ProjectId("demo");
    private static final ProjectId OPS = new ProjectId("ops");
    private final Account ada = anAccount().build();
    private final Account bob = anAccount().withId("acc_" + "B".repeat(20)).withEmail("bob@example.com").build();

    @BeforeEach
    void projectsAndAccounts() {
        run(session -> {
            session.projects().add(Project.named(DEMO, T0));
            session.projects().add(Project.named(OPS, T0));
            session.accounts().add(ada);
            session.accounts().add(bob);
        });
    }

    @Test
    void putAddsAMembershipAndThenChangesOnlyItsRole() {
        run(session -> session.memberships().put(new Membership(DEMO, ada.id(), Role.VIEWER, T0)));
        run(session -> session.memberships().put(new Membership(DEMO, ada.id(), Role.ADMIN, T0.plusSeconds(60))));

        assertThat(tx((StorageSession session) -> session.memberships().find(DEMO, ada.id())))
                .contains(new Membership(DEMO, ada.id(), Role.ADMIN, T0));
        assertThat(tx((StorageSession session) -> session.memberships().find(OPS, ada.id()))).isEmpty();
    }

    @Test
    void listsMembersInJoiningOrderAndAnAccountsMembershipsByProject() {
        Membership bobInDemo = new Membership(DEMO, bob.id(), Role.ADMIN, T0);
        Membership adaInDemo = new Membership(DEMO, ada.id(), Role.VIEWER, T0.plusSeconds(1));
        Membership adaInOps = new Membership(OPS, ada.id(), Role.ADMIN, T0.plusSeconds(2));
        run(session -> {
            session.memberships().put(adaInOps);
            session.memberships().put(adaInDemo);
            session.memberships().put(bobInDemo);
        });

        assertThat(tx((StorageSession session) -> session.memberships().listByProject(DEMO))).containsExactly(bobInDemo, adaInDemo);
        assertThat(tx((StorageSession session) -> session.memberships().listByAccount(ada.id()))).containsExactly(adaInDemo, adaInOps);
    }

    @Test
    void removeTakesTheAccountOutOfOneProject() {
        run(session -> {
            session.memberships().put(new Membership(DEMO, ada.id(), Role.VIEWER, T0));
            session.memberships().put(new Membership(OPS, ada.id(), Role.VIEWER, T0));
        });

        assertThat(tx((StorageSession session) -> session.memberships().remove(DEMO, ada.id()))).isTrue();
        assertThat(tx((StorageSession session) -> session.memberships().remove(DEMO, ada.id()))).isFalse();
        assertThat(tx((StorageSession session) -> session.memberships().listByAccount(ada.id()))).extracting(Membership::project)
                .containsExactly(OPS);
    }
}

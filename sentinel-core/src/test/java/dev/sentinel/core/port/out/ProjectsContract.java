package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link Projects}, for every adapter. */
public abstract class ProjectsContract extends StorageContractSupport {

    private static final ProjectId ALPHA = new ProjectId("alpha");

    @Test
    void addsFindsAndListsProjectsByName() {
        Project beta = new Project(new ProjectId("beta"), Optional.of("Beta team"), T0);
        Project alpha = new Project(ALPHA, Optional.empty(), T0.plusSeconds(1));
        run(session -> {
            session.projects().add(beta);
            session.projects().add(alpha);
        });

        assertThat(tx((StorageSession session) -> session.projects().find(new ProjectId("beta")))).contains(beta);
        assertThat(tx((StorageSession session) -> session.projects().findForUpdate(ALPHA))).contains(alpha);
        assertThat(tx((StorageSession session) -> session.projects().find(new ProjectId("gamma")))).isEmpty();
        assertThat(tx((StorageSession session) -> session.projects().list())).containsExactly(alpha, beta);
    }

    @Test
    void aTakenNameIsAConflictAndAddIfAbsentChangesNothing() {
        Project original = new Project(ALPHA, Optional.of("Original"), T0);
        run(session -> session.projects().add(original));

        assertThatThrownBy(() -> run(session -> session.projects().add(Project.named(ALPHA, T0.plusSeconds(5)))))
                .isInstanceOf(ConflictException.class);
        assertThat(tx((StorageSession session) -> session.projects().addIfAbsent(Project.named(ALPHA, T0.plusSeconds(5))))).isFalse();
        assertThat(tx((StorageSession session) -> session.projects().find(ALPHA))).contains(original);
    }

    @Test
    void addingAPassInAProjectWithoutARecordCreatesTheRecord() {
        Pass pass = givenStoredPass();

        assertThat(tx((StorageSession session) -> session.projects().find(pass.project()))).hasValueSatisfying(project -> {
            assertThat(project.createdAt()).isEqualTo(pass.createdAt());
            assertThat(project.displayName()).isEmpty();
        });
    }

    @Test
    void deletingAProjectRemovesItsMembershipsAndNothingElse() {
        Account account = anAccount().build();
        run(session -> {
            session.projects().add(Project.named(ALPHA, T0));
            session.projects().add(Project.named(new ProjectId("beta"), T0));
            session.accounts().add(account);
            session.memberships().put(new Membership(ALPHA, account.id(), Role.ADMIN, T0));
            session.memberships().put(new Membership(new ProjectId("beta"), account.id(), Role.VIEWER, T0));
        });

        assertThat(tx((StorageSession session) -> session.projects().delete(ALPHA))).isTrue();
        assertThat(tx((StorageSession session) -> session.projects().delete(ALPHA))).isFalse();

        assertThat(tx((StorageSession session) -> session.projects().find(ALPHA))).isEmpty();
        assertThat(tx((StorageSession session) -> session.memberships().listByAccount(account.id()))).extracting(Membership::project)
                .containsExactly(new ProjectId("beta"));
        assertThat(tx((StorageSession session) -> session.accounts().find(account.id()))).isPresent();
    }
}

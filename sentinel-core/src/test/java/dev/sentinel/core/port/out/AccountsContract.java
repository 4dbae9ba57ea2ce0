package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.access.SsoIdentity;
import dev.sentinel.core.domain.access.TotpEnrolment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link Accounts}, for every adapter. */
public abstract class AccountsContract extends StorageContractSupport {

    private static final String OTHER_ID = "acc_" + "B".repeat(20);

    @Test
    void addsAndFindsAnAccountByIdAndEmail() {
        Account account = anAccount().withPasswordHash("$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA").owner().build();
        run(session -> session.accounts().add(account));

        assertThat(tx((StorageSession session) -> session.accounts().find(account.id()))).contains(account);
        assertThat(tx((StorageSession session) -> session.accounts().findForUpdate(account.id()))).contains(account);
        assertThat(tx((StorageSession session) -> session.accounts().findByEmail(new Email("ada@example.com")))).contains(account);
        assertThat(tx((StorageSession session) -> session.accounts().findByEmail(new Email("bob@example.com")))).isEmpty();
    }

    @Test
    void aTakenEmailIsAConflictOnEmail() {
        run(session -> session.accounts().add(anAccount().build()));

        assertThatThrownBy(() -> run(session -> session.accounts().add(anAccount().withId(OTHER_ID).build())))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("email"));
        assertThat(tx((StorageSession session) -> session.accounts().list())).hasSize(1);
    }

    @Test
    void listsAccountsByEmail() {
        Account zed = anAccount().withEmail("zed@example.com").build();
        Account amy = anAccount().withId(OTHER_ID).withEmail("amy@example.com").build();
        run(session -> {
            session.accounts().add(zed);
            session.accounts().add(amy);
        });

        assertThat(tx((StorageSession session) -> session.accounts().list())).containsExactly(amy, zed);
    }

    @Test
    void updateReplacesEverythingButIdEmailAndCreationTime() {
        Account account = anAccount().build();
        run(session -> session.accounts().add(account));
        Account changed = account.withDisplayName("Ada L.").withOwner(true).withPasswordHash("$argon2id$new")
                .withTotp(Optional.of(new TotpEnrolment("aes256gcm:v1:sealed", Optional.of(T0.plusSeconds(60)), 12345)))
                .withDisabledAt(Optional.of(T0.plusSeconds(120)));

        run(session -> session.accounts().update(changed));

        assertThat(tx((StorageSession session) -> session.accounts().find(account.id()))).contains(changed);
    }

    @Test
    void aRecoveryCodeIsUsedOnceAndReplacingTheCodesDropsTheOldOnes() {
        Account account = anAccount().build();
        run(session -> {
            session.accounts().add(account);
            session.accounts().replaceRecoveryCodes(account.id(), List.of("$sha256$one", "$sha256$two"), T0);
        });

        assertThat(tx((StorageSession session) -> session.accounts().unusedRecoveryCodes(account.id()))).isEqualTo(2);
        assertThat(tx((StorageSession session) -> session.accounts().useRecoveryCode(account.id(), "$sha256$one", T0))).isTrue();
        assertThat(tx((StorageSession session) -> session.accounts().useRecoveryCode(account.id(), "$sha256$one", T0))).isFalse();
        assertThat(tx((StorageSession session) -> session.accounts().useRecoveryCode(account.id(), "$sha256$unknown", T0))).isFalse();
        assertThat(tx((StorageSession session) -> session.accounts().unusedRecoveryCodes(account.id()))).isEqualTo(1);

        run(session -> session.accounts().replaceRecoveryCodes(account.id(), List.of("$sha256$three"), T0));

        assertThat(tx((StorageSession session) -> session.accounts().useRecoveryCode(account.id(), "$sha256$two", T0))).isFalse();
        assertThat(tx((StorageSession session) -> session.accounts().useRecoveryCode(account.id(), "$sha256$three", T0))).isTrue();
    }

    @Test
    void aProviderSubjectLinksToOneAccountOnly() {
        Account ada = anAccount().build();
        Account bob = anAccount().withId(OTHER_ID).withEmail("bob@example.com").build();
        SsoIdentity link = new SsoIdentity("https://idp.example.com", "sub-1", ada.id(), T0);
        run(session -> {
            session.accounts().add(ada);
            session.accounts().add(bob);
            session.accounts().link(link);
        });

        assertThatThrownBy(() -> run(session -> session.accounts().link(
                new SsoIdentity("https://idp.example.com", "sub-1", bob.id(), T0))))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("sub"));
        assertThat(tx((StorageSession session) -> session.accounts().findIdentity("https://idp.example.com", "sub-1"))).contains(link);
        assertThat(tx((StorageSession session) -> session.accounts().findIdentity("https://other.example.com", "sub-1"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.accounts().identities(ada.id()))).containsExactly(link);
        assertThat(tx((StorageSession session) -> session.accounts().identities(bob.id()))).isEmpty();
    }

    @Test
    void deletingAnAccountRemovesItsMembershipsCodesAndLinks() {
        Account account = anAccount().build();
        ProjectId demo = new ProjectId("demo");
        run(session -> {
            session.projects().add(Project.named(demo, T0));
            session.accounts().add(account);
            session.memberships().put(new Membership(demo, account.id(), Role.VIEWER, T0));
            session.accounts().replaceRecoveryCodes(account.id(), List.of("$sha256$one"), T0);
            session.accounts().link(new SsoIdentity("https://idp.example.com", "sub-1", account.id(), T0));
        });

        assertThat(tx((StorageSession session) -> session.accounts().delete(account.id()))).isTrue();

        assertThat(tx((StorageSession session) -> session.accounts().find(account.id()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.memberships().listByProject(demo))).isEmpty();
        assertThat(tx((StorageSession session) -> session.accounts().unusedRecoveryCodes(account.id()))).isZero();
        assertThat(tx((StorageSession session) -> session.accounts().findIdentity("https://idp.example.com", "sub-1"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.accounts().delete(account.id()))).isFalse();
    }
}

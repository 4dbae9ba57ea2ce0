package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.SignInSession;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link Sessions}, for every adapter. */
public abstract class SessionsContract extends StorageContractSupport {

    private final Account ada = anAccount().withId("acc_" + "A".repeat(20)).withEmail("ada@example.com").build();
    private final Account bob = anAccount().withId("acc_" + "B".repeat(20)).withEmail("bob@example.com").build();
    private final SignInSession first = session("ses_" + "1".repeat(16), "$sha256$first", ada, T0);
    private final SignInSession second = session("ses_" + "2".repeat(16), "$sha256$second", ada, T0.plusSeconds(60));
    private final SignInSession bobs = session("ses_" + "3".repeat(16), "$sha256$bob", bob, T0);

    private static SignInSession session(String id, String hash, Account account, java.time.Instant at) {
        return new SignInSession(id, hash, account.id(), at, at, Optional.of("192.0.2.7"), Optional.of("Firefox"),
                "password", false);
    }

    @BeforeEach
    void accounts() {
        run(session -> {
            session.accounts().add(ada);
            session.accounts().add(bob);
        });
    }

    @Test
    void addsAndFindsSessionsBySecretHashAndListsThemPerAccountOldestFirst() {
        run(session -> {
            session.sessions().add(second);
            session.sessions().add(first);
            session.sessions().add(bobs);
        });

        assertThat(tx((StorageSession session) -> session.sessions().findBySecretHash("$sha256$first"))).contains(first);
        assertThat(tx((StorageSession session) -> session.sessions().findBySecretHash("$sha256$none"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.sessions().listByAccount(ada.id())))
                .containsExactly(first, second);
    }

    @Test
    void aTakenSecretHashIsAConflict() {
        run(session -> session.sessions().add(first));

        assertThatThrownBy(() -> run(session -> session.sessions().add(session("ses_" + "9".repeat(16),
                "$sha256$first", bob, T0)))).isInstanceOf(ConflictException.class);
    }

    @Test
    void updateStoresLastSeenAndTheEnrolmentRestriction() {
        SignInSession restricted = new SignInSession(first.id(), first.secretHash(), ada.id(), T0, T0, Optional.empty(),
                Optional.empty(), "sso", true);
        run(session -> session.sessions().add(restricted));

        SignInSession changed = restricted.seenAt(T0.plusSeconds(90)).unrestricted();
        assertThat(tx((StorageSession session) -> session.sessions().update(changed))).isTrue();

        assertThat(tx((StorageSession session) -> session.sessions().findBySecretHash(first.secretHash())))
                .contains(changed);
        assertThat(tx((StorageSession session) -> session.sessions().update(bobs))).isFalse();
    }

    @Test
    void deletesOneSessionByHashOrByIdAndAllOfAnAccount() {
        run(session -> {
            session.sessions().add(first);
            session.sessions().add(second);
            session.sessions().add(bobs);
        });

        assertThat(tx((StorageSession session) -> session.sessions().delete(first.secretHash()))).isTrue();
        assertThat(tx((StorageSession session) -> session.sessions().delete(first.secretHash()))).isFalse();
        assertThat(tx((StorageSession session) -> session.sessions().delete(bob.id(), second.id()))).isFalse();
        assertThat(tx((StorageSession session) -> session.sessions().deleteByAccount(ada.id()))).isEqualTo(1);
        assertThat(tx((StorageSession session) -> session.sessions().listByAccount(ada.id()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.sessions().delete(bob.id(), bobs.id()))).isTrue();
    }

    @Test
    void deletesExpiredSessionsByIdleOrAge() {
        SignInSession idle = first.seenAt(T0.plus(Duration.ofMinutes(5)));
        SignInSession old = session("ses_" + "4".repeat(16), "$sha256$old", bob, T0.minus(Duration.ofHours(13)))
                .seenAt(T0.plus(Duration.ofMinutes(29)));
        SignInSession fresh = second.seenAt(T0.plus(Duration.ofMinutes(20)));
        run(session -> {
            session.sessions().add(idle);
            session.sessions().add(old);
            session.sessions().add(fresh);
        });

        int ended = tx((StorageSession session) -> session.sessions().deleteExpired(T0.plus(Duration.ofMinutes(10)),
                T0.minus(Duration.ofHours(12))));

        assertThat(ended).isEqualTo(2);
        assertThat(tx((StorageSession session) -> session.sessions().listByAccount(ada.id()))).containsExactly(fresh);
        assertThat(tx((StorageSession session) -> session.sessions().listByAccount(bob.id()))).isEmpty();
    }

    @Test
    void deletingTheAccountEndsItsSessions() {
        run(session -> session.sessions().add(first));

        run(session -> session.accounts().delete(ada.id()));

        assertThat(tx((StorageSession session) -> session.sessions().findBySecretHash(first.secretHash()))).isEmpty();
    }
}

package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.SetupLink;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SetupLinks}, for every adapter. */
public abstract class SetupLinksContract extends StorageContractSupport {

    private final Account ada = anAccount().withId("acc_" + "A".repeat(20)).withEmail("ada@example.com").build();
    private final Account bob = anAccount().withId("acc_" + "B".repeat(20)).withEmail("bob@example.com").build();
    private final SetupLink first = new SetupLink("$sha256$first", Optional.of(ada.id()), T0, T0.plus(Duration.ofHours(24)),
            Optional.empty());

    @BeforeEach
    void accounts() {
        run(session -> {
            session.accounts().add(ada);
            session.accounts().add(bob);
        });
    }

    @Test
    void addsFindsAndMarksALinkUsed() {
        run(session -> session.setupLinks().add(first));

        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$first"))).contains(first);
        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$other"))).isEmpty();

        run(session -> session.setupLinks().markUsed("$sha256$first", T0.plusSeconds(60)));

        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$first")))
                .hasValueSatisfying(link -> assertThat(link.usedAt()).contains(T0.plusSeconds(60)));
    }

    @Test
    void deleteUnusedKeepsUsedLinksAndOtherAccounts() {
        SetupLink used = new SetupLink("$sha256$used", Optional.of(ada.id()), T0, T0.plusSeconds(10), Optional.of(T0.plusSeconds(5)));
        SetupLink bobs = new SetupLink("$sha256$bob", Optional.of(bob.id()), T0, T0.plusSeconds(10), Optional.empty());
        run(session -> {
            session.setupLinks().add(first);
            session.setupLinks().add(used);
            session.setupLinks().add(bobs);
        });

        assertThat(tx((StorageSession session) -> session.setupLinks().deleteUnused(ada.id()))).isEqualTo(1);

        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$first"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$used"))).contains(used);
        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$bob"))).contains(bobs);
    }

    @Test
    void aFirstRunLinkHasNoAccount() {
        SetupLink firstRun = new SetupLink("$sha256$first-run", Optional.empty(), T0, T0.plusSeconds(10), Optional.empty());
        run(session -> session.setupLinks().add(firstRun));

        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$first-run")))
                .contains(firstRun);
    }

    @Test
    void deletingTheAccountDeletesItsLinks() {
        run(session -> session.setupLinks().add(first));

        run(session -> session.accounts().delete(ada.id()));

        assertThat(tx((StorageSession session) -> session.setupLinks().findForUpdate("$sha256$first"))).isEmpty();
    }
}

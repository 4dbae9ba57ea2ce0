package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One-time set-up links: used once, for 24 hours, stored hashed; a new link replaces the unused ones. */
class SetupLinkServiceTest {

    private static final String PASSWORD = "a long walk by the river";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final CredentialGenerator generator = CredentialGenerator.create();
    private final AccountService accounts = new AccountService(storage, CredentialHashers.argon2id(), generator, clock,
            Optional.empty(), new Actor("cli:root"));
    private final SetupLinkService links = new SetupLinkService(storage, CredentialHashers.argon2id(), generator, clock,
            new Actor("cli:root"));

    private Account owner() {
        return accounts.create(new CreateAccountCommand("root@example.com", null, true, null));
    }

    @Test
    void aLinkSetsThePasswordOnceAndIsRefusedTheSecondTime() {
        Account owner = owner();
        IssuedSetupLink link = links.issue(owner.id());

        Account set = links.complete(link.token(), PASSWORD.toCharArray(), "Root");

        assertThat(set.displayName()).isEqualTo("Root");
        assertThat(accounts.checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray())).isPresent();
        assertThatThrownBy(() -> links.complete(link.token(), "another long passphrase".toCharArray(), null))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(FieldViolation::field).containsExactly(SetupLinkService.TOKEN_FIELD));
        assertThat(accounts.checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray()))
                .as("the second use changed nothing").isPresent();
        assertThat(link.url("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/setup#token=" + link.token());
    }

    @Test
    void aLinkIsRefusedAfter24Hours() {
        IssuedSetupLink link = links.issue(owner().id());
        clock.advance(Duration.ofHours(24));

        assertThatThrownBy(() -> links.complete(link.token(), PASSWORD.toCharArray(), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("token");
    }

    @Test
    void aLinkWorksJustBefore24Hours() {
        IssuedSetupLink link = links.issue(owner().id());
        clock.advance(Duration.ofHours(24).minusSeconds(1));

        assertThat(links.complete(link.token(), PASSWORD.toCharArray(), null).passwordHash()).isPresent();
    }

    @Test
    void theStoreKeepsOnlyTheHashAndANewLinkReplacesTheOldOne() {
        Account owner = owner();
        IssuedSetupLink first = links.issue(owner.id());
        IssuedSetupLink second = links.issue(owner.id());

        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.setupLinks().findForUpdate(first.token()))).isEmpty();
        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.setupLinks().findForUpdate(SetupLinkService.hash(second.token()))))
                .hasValueSatisfying(stored -> assertThat(stored.hash()).doesNotContain(second.token()));
        assertThatThrownBy(() -> links.complete(first.token(), PASSWORD.toCharArray(), null))
                .isInstanceOf(ValidationException.class);
        assertThat(links.complete(second.token(), PASSWORD.toCharArray(), null).passwordHash()).isPresent();
    }

    @Test
    void thePasswordRulesApplyAndABrokenOneKeepsTheLinkUsable() {
        IssuedSetupLink link = links.issue(owner().id());

        assertThatThrownBy(() -> links.complete(link.token(), "root-short".toCharArray(), "x".repeat(101)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(FieldViolation::field).contains("password", "display_name"));

        assertThat(links.complete(link.token(), PASSWORD.toCharArray(), null).passwordHash()).isPresent();
    }

    @Test
    void issuingAndUsingAreAudited() {
        IssuedSetupLink link = links.issue(owner().id());
        links.complete(link.token(), PASSWORD.toCharArray(), null);

        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.audit().recent(10))).extracting(entry -> entry.actor() + " "
                + entry.action()).containsSubsequence("root@example.com " + SetupLinkService.USE_ACTION,
                "cli:root " + SetupLinkService.ISSUE_ACTION);
    }

    @Test
    void theFirstRunLinkCreatesTheOwnerOnceAndOnlyOnAStoreWithoutAccounts() {
        IssuedSetupLink link = links.issueFirstOwner().orElseThrow();
        assertThat(link.account()).isEmpty();

        assertThatThrownBy(() -> links.complete(link.token(), "not-an-email", "short".toCharArray(), null))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(FieldViolation::field).containsExactly("email", "password"));
        Account owner = links.complete(link.token(), "Root@Example.com", PASSWORD.toCharArray(), "Root");

        assertThat(owner.owner()).isTrue();
        assertThat(accounts.checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray())).isPresent();
        assertThatThrownBy(() -> links.complete(link.token(), "eve@example.com", PASSWORD.toCharArray(), null))
                .as("used once").isInstanceOf(ValidationException.class);
        assertThat(accounts.list()).hasSize(1);
        assertThat(links.issueFirstOwner()).as("a store with an account gets no first-run link").isEmpty();
    }

    @Test
    void theFirstRunLinkIsRefusedAfter24Hours() {
        IssuedSetupLink link = links.issueFirstOwner().orElseThrow();
        clock.advance(Duration.ofHours(25));

        assertThatThrownBy(() -> links.complete(link.token(), "root@example.com", PASSWORD.toCharArray(), null))
                .isInstanceOf(ValidationException.class);
        assertThat(accounts.list()).isEmpty();
    }
}

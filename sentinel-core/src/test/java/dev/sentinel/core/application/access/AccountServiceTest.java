package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.CredentialHasher;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    private static final byte[] KEK = new byte[32];
    private static final CredentialHasher ARGON2ID = CredentialHashers.argon2id();
    private static final String PASSWORD = "a long walk by the river";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final AccountService accounts = new AccountService(storage, ARGON2ID, CredentialGenerator.create(), clock,
            Optional.of(KEK), new Actor("cli:root"));

    private Account ada() {
        return accounts.create(new CreateAccountCommand("Ada@Example.com", "Ada", false, PASSWORD.toCharArray()));
    }

    @Test
    void namesEveryBrokenRuleOfANewAccountAtOnceAndWritesNothing() {
        assertThatThrownBy(() -> accounts.create(new CreateAccountCommand("not-an-email", "x".repeat(101), false,
                "short".toCharArray()))).isInstanceOfSatisfying(ValidationException.class, failure ->
                assertThat(failure.violations()).extracting(FieldViolation::field)
                        .containsExactly("email", "display_name", "password"));
        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void storesAnArgon2idHashAndChecksThePasswordOfAnEnabledAccountOnly() {
        Account ada = ada();

        assertThat(ada.email().value()).isEqualTo("ada@example.com");
        assertThat(ada.passwordHash()).hasValueSatisfying(hash -> assertThat(hash).startsWith("$argon2id$")
                .doesNotContain(PASSWORD));
        assertThat(accounts.checkPassword(new Email("ada@example.com"), PASSWORD.toCharArray())).contains(ada);
        assertThat(accounts.checkPassword(new Email("ada@example.com"), "a long walk by the river!".toCharArray()))
                .isEmpty();
        assertThat(accounts.checkPassword(new Email("bob@example.com"), PASSWORD.toCharArray())).isEmpty();
        accounts.setDisabled(ada.id(), true);
        assertThat(accounts.checkPassword(new Email("ada@example.com"), PASSWORD.toCharArray())).isEmpty();
    }

    @Test
    void anEmailIsOneLoginWhateverItsCase() {
        ada();

        assertThatThrownBy(() -> accounts.create(new CreateAccountCommand("ADA@example.com", "", false, null)))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("email"));
    }

    @Test
    void aTotpCodeIsAcceptedOnceAndOnlyWithinOneStepOfDrift() {
        Account ada = ada();
        TotpSetup setup = accounts.beginTotp(ada.id());
        byte[] secret = base32Decode(setup.secret());
        long now = TotpCodes.step(clock.instant());
        assertThat(setup.uri()).startsWith("otpauth://totp/Sentinel:ada%40example.com?secret=" + setup.secret());
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now))).as("not confirmed yet").isFalse();

        RecoveryCodes codes = accounts.confirmTotp(ada.id(), TotpCodes.code(secret, now));

        assertThat(codes.codes()).hasSize(10).doesNotHaveDuplicates();
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now))).as("the confirming code, again").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 2))).as("a step ahead").isTrue();
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 2))).as("used").isFalse();
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 1))).as("older than the last used").isFalse();
        clock.advance(Duration.ofSeconds(120));
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 3))).as("two steps behind").isFalse();
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 7))).as("two steps ahead").isFalse();
        assertThat(accounts.verifyTotp(ada.id(), TotpCodes.code(secret, now + 4))).as("one step behind").isTrue();
        assertThat(accounts.verifyTotp(ada.id(), "12345")).isFalse();
    }

    @Test
    void theTotpSecretIsStoredEncryptedUnderTheKeyEncryptionKey() {
        Account ada = ada();
        TotpSetup setup = accounts.beginTotp(ada.id());

        String stored = accounts.find(ada.id()).orElseThrow().totp().orElseThrow().encryptedSecret();
        assertThat(stored).startsWith("aes256gcm:v1:").doesNotContain(setup.secret());
        byte[] otherKey = KEK.clone();
        otherKey[0] = 1;
        AccountService otherKeyService = new AccountService(storage, ARGON2ID, CredentialGenerator.create(), clock,
                Optional.of(otherKey), new Actor("cli:root"));
        String code = TotpCodes.code(base32Decode(setup.secret()), TotpCodes.step(clock.instant()));
        assertThatThrownBy(() -> otherKeyService.confirmTotp(ada.id(), code)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aWrongConfirmationCodeEnrolsNothing() {
        Account ada = ada();
        accounts.beginTotp(ada.id());

        assertThatThrownBy(() -> accounts.confirmTotp(ada.id(), "000000")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("totp");
        assertThat(accounts.find(ada.id()).orElseThrow().hasTotp()).isFalse();
    }

    @Test
    void aRecoveryCodeWorksOnceInAnyFormatting() {
        Account ada = ada();
        TotpSetup setup = accounts.beginTotp(ada.id());
        RecoveryCodes codes = accounts.confirmTotp(ada.id(),
                TotpCodes.code(base32Decode(setup.secret()), TotpCodes.step(clock.instant())));
        String code = codes.codes().get(3);

        assertThat(accounts.useRecoveryCode(ada.id(), code.toLowerCase().replace("-", " "))).isTrue();
        assertThat(accounts.useRecoveryCode(ada.id(), code)).isFalse();
        assertThat(accounts.useRecoveryCode(ada.id(), "AAAA-AAAA-AAAA-AAAA")).isFalse();
        assertThat(accounts.useRecoveryCode(ada.id(), codes.codes().get(4))).isTrue();
    }

    @Test
    void resettingTheSecondFactorDropsItsRecoveryCodes() {
        Account ada = ada();
        TotpSetup setup = accounts.beginTotp(ada.id());
        RecoveryCodes codes = accounts.confirmTotp(ada.id(),
                TotpCodes.code(base32Decode(setup.secret()), TotpCodes.step(clock.instant())));
        assertThatThrownBy(() -> accounts.beginTotp(ada.id())).isInstanceOf(ConflictException.class);

        accounts.resetTotp(ada.id());

        assertThat(accounts.find(ada.id()).orElseThrow().hasTotp()).isFalse();
        assertThat(accounts.useRecoveryCode(ada.id(), codes.codes().get(0))).isFalse();
        assertThat(accounts.beginTotp(ada.id()).secret()).isNotEqualTo(setup.secret());
    }

    @Test
    void withoutAKeyEncryptionKeyNoSecondFactorCanBeEnrolled() {
        AccountService keyless = new AccountService(storage, ARGON2ID, CredentialGenerator.create(), clock,
                Optional.empty(), new Actor("cli:root"));
        Account ada = keyless.create(new CreateAccountCommand("ada@example.com", "", false, null));

        assertThatThrownBy(() -> keyless.beginTotp(ada.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key-encryption key");
    }

    @Test
    void thePrincipalOfAnAccountCarriesItsMembershipsAndOwnerRole() {
        Account ada = ada();
        MembershipService members = new MembershipService(storage, clock, new Actor("cli:root"));
        new dev.sentinel.core.application.project.ProjectService(storage, clock, new Actor("cli:root")).create("demo", "");
        members.put(new ProjectId("demo"), ada.email(), "viewer");

        Principal principal = accounts.principal(ada.id()).orElseThrow();
        assertThat(principal.name()).isEqualTo("ada@example.com");
        assertThat(principal.isOwner()).isFalse();
        assertThat(principal.roleIn(new ProjectId("demo"))).contains(Role.VIEWER);
        assertThat(principal.roleIn(new ProjectId("ops"))).isEmpty();

        accounts.setOwner(ada.id(), true);
        assertThat(accounts.principal(ada.id()).orElseThrow().isOwner()).isTrue();
        accounts.setDisabled(ada.id(), true);
        assertThat(accounts.principal(ada.id())).isEmpty();
    }

    @Test
    void aProviderSubjectFindsItsAccountAndCannotBeLinkedTwice() {
        Account ada = ada();
        Account bob = accounts.create(new CreateAccountCommand("bob@example.com", "Bob", false, null));
        accounts.link(ada.id(), "https://idp.example.com", "248289761001");

        assertThat(accounts.findByIdentity("https://idp.example.com", "248289761001")).contains(ada);
        assertThat(accounts.findByIdentity("https://other.example.com", "248289761001")).isEmpty();
        assertThatThrownBy(() -> accounts.link(bob.id(), "https://idp.example.com", "248289761001"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void everyChangeIsAuditedByItsActorWithoutSecrets() {
        Account ada = ada();
        accounts.beginTotp(ada.id());

        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.audit().recent(10))).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("cli:root");
            assertThat(entry.action()).isEqualTo("account.create");
            assertThat(entry.detail()).contains("ada@example.com").doesNotContain(PASSWORD);
        });
    }

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}

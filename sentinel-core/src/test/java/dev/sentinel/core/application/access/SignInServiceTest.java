package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.fixtures.CountingThrottleBuckets;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignInServiceTest {

    private static final String PASSWORD = "a long walk by the river";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final AccountService accounts = new AccountService(storage, CredentialHashers.argon2id(),
            CredentialGenerator.create(), clock, Optional.of(new byte[32]), new Actor("cli:root"));
    private final SessionService sessions = new SessionService(storage, accounts, CredentialGenerator.create(), clock,
            SessionLimits.DEFAULTS);
    private final AuthThrottle throttle = new AuthThrottle(new Throttling(FailureLimit.parse("3/1m"),
            FailureLimit.parse("50/1m"), FailureLimit.parse("10/1m")), new CountingThrottleBuckets(),
            new SecurityAudit(storage, clock));

    @AfterEach
    void close() {
        throttle.close();
    }

    private SignInService signIn(TwoFactorRequirement requirement) {
        return new SignInService(accounts, sessions, throttle, new SecurityAudit(storage, clock), requirement, clock);
    }

    private static SignInRequest request(String email, String password) {
        return new SignInRequest(email, password == null ? null : password.toCharArray(), Optional.empty(),
                Optional.of("192.0.2.7"), Optional.empty());
    }

    private Account account(boolean owner) {
        return accounts.create(new CreateAccountCommand("ada@example.com", "Ada", owner, PASSWORD.toCharArray()));
    }

    @Test
    void theRightPasswordStartsASessionAndAWrongOneOrAnUnknownEmailIsTheSameRefusal() {
        account(false);
        SignInService service = signIn(TwoFactorRequirement.NONE);

        assertThat(service.signIn(request("Ada@Example.com", PASSWORD))).isInstanceOfSatisfying(
                SignInOutcome.SignedIn.class, signedIn -> assertThat(signedIn.enrolmentRequired()).isFalse());
        assertThat(service.signIn(request("ada@example.com", "not the password"))).isInstanceOf(SignInOutcome.Refused.class);
        assertThat(service.signIn(request("bob@example.com", PASSWORD))).isInstanceOf(SignInOutcome.Refused.class);
        assertThat(storage.read(session -> session.audit().recent(100)).stream()
                .filter(entry -> entry.action().equals(SignInService.FAILED_ACTION))).hasSize(2);
    }

    @Test
    void overTheLimitEvenTheRightPasswordWaits() {
        account(false);
        SignInService service = signIn(TwoFactorRequirement.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(service.signIn(request("ada@example.com", "wrong " + i))).isInstanceOf(SignInOutcome.Refused.class);
        }

        assertThat(service.signIn(request("ada@example.com", PASSWORD))).isInstanceOf(SignInOutcome.Throttled.class);
    }

    @Test
    void aThrottlingEpisodeOfSignInsSaysSoAndNamesTheAccountButNoPassword() {
        account(false);
        SignInService service = signIn(TwoFactorRequirement.NONE);
        for (int i = 0; i < 3; i++) {
            service.signIn(request("ada@example.com", "wrong password " + i));
        }
        throttle.close(); // the episode's entry is written on the throttle's own thread

        assertThat(storage.read(session -> session.audit().recent(100)).stream()
                .filter(entry -> entry.action().equals("throttled")).map(AuditEntry::detail))
                .containsExactly("account ada@example.com from 192.0.2.7: 3 failed sign-ins (limit 3/1m per account "
                        + "and address)")
                .noneMatch(detail -> detail.contains("wrong password") || detail.contains("client"));
    }

    @Test
    void failedSignInsOfOneAccountDoNotThrottleAnotherFromTheSameAddress() {
        account(false);
        accounts.create(new CreateAccountCommand("bob@example.com", "Bob", false, PASSWORD.toCharArray()));
        SignInService service = signIn(TwoFactorRequirement.NONE);
        for (int i = 0; i < 3; i++) {
            service.signIn(request("mallory-guesses@example.com", "wrong " + i));
        }

        assertThat(service.signIn(request("mallory-guesses@example.com", "wrong 3")))
                .isInstanceOf(SignInOutcome.Throttled.class);
        assertThat(service.signIn(request("bob@example.com", PASSWORD))).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void anOwnerWithoutASecondFactorGetsASessionOnlyToEnrolUnderAdmins() {
        account(true);

        assertThat(signIn(TwoFactorRequirement.ADMINS).signIn(request("ada@example.com", PASSWORD)))
                .isInstanceOfSatisfying(SignInOutcome.SignedIn.class, signedIn -> {
                    assertThat(signedIn.enrolmentRequired()).isTrue();
                    assertThat(signedIn.session().session().enrolmentOnly()).isTrue();
                });
        assertThat(signIn(TwoFactorRequirement.NONE).signIn(request("ada@example.com", PASSWORD)))
                .isInstanceOfSatisfying(SignInOutcome.SignedIn.class, signedIn ->
                        assertThat(signedIn.enrolmentRequired()).isFalse());
    }

    @Test
    void anEnrolledAccountNeedsItsCodeAndAcceptsEachCodeOnce() {
        Account ada = account(true);
        TotpSetup setup = accounts.beginTotp(ada.id());
        byte[] secret = base32(setup.secret());
        RecoveryCodes codes = accounts.confirmTotp(ada.id(), TotpCodes.code(secret, TotpCodes.step(clock.instant())));
        SignInService service = signIn(TwoFactorRequirement.ADMINS);

        assertThat(service.signIn(request("ada@example.com", PASSWORD))).isInstanceOf(SignInOutcome.CodeNeeded.class);
        clock.advance(java.time.Duration.ofSeconds(30));
        String code = TotpCodes.code(secret, TotpCodes.step(clock.instant()));
        assertThat(service.signIn(withCode(code))).isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(service.signIn(withCode(code))).isInstanceOf(SignInOutcome.Refused.class);
        assertThat(service.signIn(withCode(codes.codes().get(3)))).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void aMissingEmailAndPasswordAreNamedTogether() {
        assertThatThrownBy(() -> signIn(TwoFactorRequirement.NONE).signIn(request(" ", null)))
                .isInstanceOfSatisfying(ValidationException.class, invalid -> assertThat(invalid.violations())
                        .extracting(FieldViolation::field).containsExactly("email", "password"));
    }

    private static SignInRequest withCode(String code) {
        return new SignInRequest("ada@example.com", PASSWORD.toCharArray(), Optional.of(code), Optional.empty(),
                Optional.empty());
    }

    private static byte[] base32(String text) {
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

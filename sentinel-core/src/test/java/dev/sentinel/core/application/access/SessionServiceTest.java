package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionServiceTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final AccountService accounts = new AccountService(storage, CredentialHashers.sha256(),
            CredentialGenerator.create(), clock, Optional.empty(), new Actor("cli:root"));
    private final SessionService sessions = new SessionService(storage, accounts, CredentialGenerator.create(), clock,
            SessionLimits.DEFAULTS);
    private final Account ada = accounts.create(new CreateAccountCommand("ada@example.com", "Ada", true, null));
    private final SessionStart browser = SessionStart.of(SessionStart.PASSWORD, Optional.of("192.0.2.7"),
            Optional.of("Firefox"));

    @Test
    void aStartedSessionResumesAsItsAccountWithItsToken() {
        StartedSession started = sessions.start(ada.id(), browser);

        Optional<ActiveSession> resumed = sessions.resume(started.cookieValue());

        assertThat(resumed).hasValueSatisfying(active -> {
            assertThat(active.principal().name()).isEqualTo("ada@example.com");
            assertThat(active.principal().isOwner()).isTrue();
            assertThat(active.csrfToken()).isEqualTo(started.csrfToken()).isNotEqualTo(started.cookieValue());
        });
        assertThat(started.cookieValue()).hasSize(SessionService.SECRET_LENGTH);
        assertThat(started.session().secretHash()).doesNotContain(started.cookieValue());
        assertThat(storage.read(store -> store.audit().recent(100)).stream().map(entry -> entry.action()))
                .contains("account.sign_in");
    }

    @Test
    void everyStartIsANewSecretAndAnUnknownOrMalformedCookieIsNoSession() {
        StartedSession one = sessions.start(ada.id(), browser);
        StartedSession two = sessions.start(ada.id(), browser);

        assertThat(one.cookieValue()).isNotEqualTo(two.cookieValue());
        assertThat(one.csrfToken()).isNotEqualTo(two.csrfToken());
        assertThat(sessions.resume("x".repeat(SessionService.SECRET_LENGTH))).isEmpty();
        assertThat(sessions.resume("not a cookie")).isEmpty();
        assertThat(sessions.resume(null)).isEmpty();
    }

    @Test
    void endsAfterTheIdleLimitButNotWhileInUse() {
        StartedSession started = sessions.start(ada.id(), browser);

        for (int minute = 0; minute < 60; minute += 20) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.resume(started.cookieValue())).as("used every 20 minutes").isPresent();
        }
        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions.resume(started.cookieValue())).isEmpty();
        assertThat(sessions.list(ada.id())).isEmpty();
    }

    @Test
    void endsAfterTheAbsoluteLimitEvenWhileInUse() {
        StartedSession started = sessions.start(ada.id(), browser);
        for (int step = 0; step < 12 * 4 - 1; step++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.resume(started.cookieValue())).isPresent();
        }

        clock.advance(Duration.ofMinutes(15));

        assertThat(sessions.resume(started.cookieValue())).isEmpty();
    }

    @Test
    void configuredLimitsApply() {
        SessionService short_ = sessions.withLimits(new SessionLimits(Duration.ofSeconds(5), Duration.ofMinutes(1)));
        StartedSession started = short_.start(ada.id(), browser);

        clock.advance(Duration.ofSeconds(5));

        assertThat(short_.resume(started.cookieValue())).isEmpty();
    }

    @Test
    void endEndsOneSessionAndEndAllEndsEvery() {
        StartedSession one = sessions.start(ada.id(), browser);
        StartedSession two = sessions.start(ada.id(), browser);
        StartedSession three = sessions.start(ada.id(), browser);

        assertThat(sessions.end(one.cookieValue())).isTrue();
        assertThat(sessions.resume(one.cookieValue())).isEmpty();
        assertThat(sessions.list(ada.id())).extracting(session -> session.id())
                .containsExactlyInAnyOrder(two.session().id(), three.session().id());

        assertThat(sessions.endAll(ada.id())).isEqualTo(2);
        assertThat(sessions.resume(two.cookieValue())).isEmpty();
        assertThat(sessions.resume(three.cookieValue())).isEmpty();
    }

    @Test
    void aDisabledAccountHasNoSessionAndCannotStartOne() {
        StartedSession started = sessions.start(ada.id(), browser);

        accounts.setDisabled(ada.id(), true);

        assertThat(sessions.resume(started.cookieValue())).isEmpty();
        assertThatThrownBy(() -> sessions.start(ada.id(), browser)).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void anEnrolmentOnlySessionCanBeUnrestricted() {
        StartedSession started = sessions.start(ada.id(), browser.onlyToEnrol());
        assertThat(sessions.resume(started.cookieValue())).hasValueSatisfying(active ->
                assertThat(active.enrolmentOnly()).isTrue());

        sessions.unrestrict(started.cookieValue());

        assertThat(sessions.resume(started.cookieValue())).hasValueSatisfying(active ->
                assertThat(active.enrolmentOnly()).isFalse());
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        assertThat(SessionLimits.problems(Duration.ZERO, Duration.ZERO)).extracting(java.util.Map.Entry::getKey)
                .containsExactly("session_idle", "session_max");
        assertThat(SessionLimits.problems(Duration.ofHours(2), Duration.ofHours(1))).extracting(java.util.Map.Entry::getKey)
                .containsExactly("session_idle");
        assertThatThrownBy(() -> new SessionLimits(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session_idle");
    }
}

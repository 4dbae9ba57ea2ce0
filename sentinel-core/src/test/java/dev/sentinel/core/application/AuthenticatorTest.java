package dev.sentinel.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final CountingStorage storage = new CountingStorage();
    private final Sentinel sentinel = Sentinel.builder().clock(clock).storage(storage).build();

    private IssuedCredentials createValid(String from, String until) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("bot")
                .validFrom(from).validUntil(until).build()).credentials();
    }

    private AuthenticationResult at(String instant, IssuedCredentials credentials) {
        return sentinel.authenticator().authenticate(credentials.clientId().value(),
                credentials.clientSecret().reveal(), Instant.parse(instant));
    }

    @Test
    void succeedsInsideTheValidityPeriodWithTheRightSecret() {
        IssuedCredentials credentials = createValid("2026-11-01", "2026-12-31");

        AuthenticationResult result = at("2026-12-31T23:59:59Z", credentials);

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.pass()).hasValueSatisfying(pass -> assertThat(pass.clientId()).isEqualTo(credentials.clientId()));
    }

    @Test
    void refusesBeforeAndAfterTheValidityPeriod() {
        IssuedCredentials credentials = createValid("2026-12-01", "2026-12-31");

        assertThat(at("2026-11-30T23:59:59Z", credentials).failure()).contains(AuthenticationFailure.PASS_NOT_YET_VALID);
        assertThat(at("2027-01-01T00:00:00Z", credentials).failure()).contains(AuthenticationFailure.PASS_EXPIRED);
        assertThat(at("2027-01-01T00:00:00Z", credentials).passId()).isPresent();
    }

    @Test
    void refusesAWrongSecretForAKnownClient() {
        IssuedCredentials credentials = createValid("2026-11-01", "2026-12-31");
        String otherSecret = CredentialGenerator.create().newSecret().reveal();

        AuthenticationResult result = sentinel.authenticate(credentials.clientId().value(), otherSecret);

        assertThat(result.failure()).contains(AuthenticationFailure.SECRET_MISMATCH);
        assertThat(result.pass()).isEmpty();
    }

    @Test
    void refusesAnUnknownOrMalformedClientId() {
        String secret = CredentialGenerator.create().newSecret().reveal();

        assertThat(sentinel.authenticate(CredentialGenerator.create().newClientId().value(), secret).failure())
                .contains(AuthenticationFailure.UNKNOWN_CLIENT);
        assertThat(sentinel.authenticate("not-a-client", secret).failure()).contains(AuthenticationFailure.UNKNOWN_CLIENT);
        assertThat(sentinel.authenticate(null, secret).failure()).contains(AuthenticationFailure.UNKNOWN_CLIENT);
    }

    @Test
    void rejectsAMalformedSecretWithoutTouchingTheStore() {
        IssuedCredentials credentials = createValid("2026-11-01", "2026-12-31");
        String secret = credentials.clientSecret().reveal();
        String typo = secret.substring(0, 8) + (secret.charAt(8) == 'x' ? 'y' : 'x') + secret.substring(9);
        int readsBefore = storage.reads.get();

        AuthenticationResult result = sentinel.authenticate(credentials.clientId().value(), typo);

        assertThat(result.failure()).contains(AuthenticationFailure.MALFORMED_SECRET);
        assertThat(storage.reads.get()).isEqualTo(readsBefore);
    }

    /** The real in-memory storage, counting reads. */
    private static final class CountingStorage implements dev.sentinel.core.port.out.Storage {
        private final dev.sentinel.core.adapter.memory.InMemoryStorage delegate = new dev.sentinel.core.adapter.memory.InMemoryStorage();
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public <T> T inTransaction(java.util.function.Function<dev.sentinel.core.port.out.StorageSession, T> work) {
            reads.incrementAndGet();
            return delegate.inTransaction(work);
        }
    }
}

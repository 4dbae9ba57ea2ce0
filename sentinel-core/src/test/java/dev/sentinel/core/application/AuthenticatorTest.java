package dev.sentinel.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.out.CredentialHasher;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final CountingStorage storage = new CountingStorage();
    private final CountingHasher hasher = new CountingHasher();
    private final Sentinel sentinel = Sentinel.builder().clock(clock).storage(storage).hasher(hasher).build();

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
    void aMalformedSecretForAKnownClientIsAFailureOfThatPassWithoutAHashCheck() {
        CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
                .agentType("bot").build());
        IssuedCredentials credentials = created.credentials();
        String secret = credentials.clientSecret().reveal();
        String typo = secret.substring(0, 8) + (secret.charAt(8) == 'x' ? 'y' : 'x') + secret.substring(9);
        int verifiesBefore = hasher.verifies.get();

        AuthenticationResult result = sentinel.authenticate(credentials.clientId().value(), typo);

        assertThat(result.failure()).contains(AuthenticationFailure.MALFORMED_SECRET);
        assertThat(result.passId()).contains(created.pass().passId());
        assertThat(hasher.verifies.get()).isEqualTo(verifiesBefore);
        assertThat(sentinel.authenticate(CredentialGenerator.create().newClientId().value(), typo).passId()).isEmpty();
    }

    @Test
    void anUnknownClientIdCostsTheSameHashCheckAsAKnownOne() {
        IssuedCredentials credentials = createValid("2026-11-01", "2026-12-31");
        String wrong = CredentialGenerator.create().newSecret().reveal();

        int before = hasher.verifies.get();
        sentinel.authenticate(credentials.clientId().value(), wrong);
        int known = hasher.verifies.get() - before;
        before = hasher.verifies.get();
        sentinel.authenticate(CredentialGenerator.create().newClientId().value(), wrong);
        int unknown = hasher.verifies.get() - before;
        before = hasher.verifies.get();
        sentinel.authenticate("not-a-client", wrong);
        int malformedId = hasher.verifies.get() - before;

        assertThat(known).isEqualTo(1);
        assertThat(unknown).isEqualTo(known);
        assertThat(malformedId).isEqualTo(known);
    }

    /** SHA-256, counting hash checks. */
    private static final class CountingHasher implements CredentialHasher {
        private final CredentialHasher delegate = CredentialHashers.sha256();
        private final AtomicInteger verifies = new AtomicInteger();

        @Override
        public String algorithm() {
            return delegate.algorithm();
        }

        @Override
        public String hash(ClientSecret secret) {
            return delegate.hash(secret);
        }

        @Override
        public boolean verify(ClientSecret secret, String encodedHash) {
            verifies.incrementAndGet();
            return delegate.verify(secret, encodedHash);
        }
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

    private IssuedCredentials createBound(String allowedIps) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("bot")
                .allowedIps(java.util.List.of(allowedIps.split(","))).build()).credentials();
    }

    private AuthenticationResult from(String address, IssuedCredentials credentials) {
        return sentinel.authenticator().authenticate(credentials.clientId().value(), credentials.clientSecret().reveal(),
                java.util.Optional.ofNullable(address), clock.instant());
    }

    @Test
    void aBoundPassRefusesAnAddressOutsideItsNetworksAndSaysWhichAddress() {
        IssuedCredentials credentials = createBound("10.0.0.0/8,2001:db8::/32");

        AuthenticationResult refused = from("203.0.113.9", credentials);

        assertThat(refused.failure()).contains(AuthenticationFailure.ADDRESS_NOT_ALLOWED);
        assertThat(refused.passId()).isPresent();
        assertThat(refused.reason()).contains("address_not_allowed: address 203.0.113.9 not in allowed_ips");
        assertThat(from("10.1.2.3", credentials).isSuccess()).isTrue();
        assertThat(from("2001:db8::5", credentials).isSuccess()).isTrue();
    }

    @Test
    void aBoundPassRefusesAnUnknownAddress() {
        IssuedCredentials credentials = createBound("127.0.0.0/8");

        assertThat(sentinel.authenticate(credentials.clientId().value(), credentials.clientSecret().reveal()).reason())
                .contains("address_not_allowed: address unknown not in allowed_ips");
        assertThat(sentinel.authenticate(credentials.clientId().value(), credentials.clientSecret().reveal(), "127.0.0.1")
                .isSuccess()).isTrue();
    }

    @Test
    void theAddressIsCheckedOnlyAfterTheSecretSoAGuesserLearnsNothing() {
        IssuedCredentials credentials = createBound("10.0.0.0/8");
        String otherSecret = CredentialGenerator.create().newSecret().reveal();

        AuthenticationResult guess = sentinel.authenticator().authenticate(credentials.clientId().value(), otherSecret,
                java.util.Optional.of("203.0.113.9"), clock.instant());

        assertThat(guess.failure()).contains(AuthenticationFailure.SECRET_MISMATCH);
    }

    @Test
    void anUnboundPassAcceptsAnyAddressAndAnUnknownOne() {
        IssuedCredentials credentials = createValid("2026-11-01", "2026-12-31");

        assertThat(from("203.0.113.9", credentials).isSuccess()).isTrue();
        assertThat(from(null, credentials).isSuccess()).isTrue();
    }
}

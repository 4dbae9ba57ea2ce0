package dev.sentinel.core.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.fixtures.CountingThrottleBuckets;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.core.port.out.CredentialHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure throttle in front of the hash check, attacked through the grant use case with a hasher that counts its
 * checks (and can hold them, to make them overlap): concurrent guesses, guesses across client ids from one address
 * or one IPv6 network, a shared address with rightful clients behind it, and a flood of unproven checks.
 */
class ClientAuthenticationThrottleTest {

    private static final String ADDRESS = "192.0.2.7";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage();
    private final CountingHasher hasher = new CountingHasher();
    private final ExecutorService pool = Executors.newFixedThreadPool(64);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aHundredConcurrentWrongSecretsForOneClientIdCheckAtMostTheLimit() throws Exception {
        TokenService tokens = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.off(), FailureLimit.off()),
                100);
        CreatedPass pass = create();
        hasher.slow = true;

        List<OAuthError> errors = concurrently(100, i -> TokenRequest.clientCredentials(clientId(pass), wrongSecret())
                .clientAddress(ADDRESS).build(), tokens);

        assertThat(hasher.checks.get()).as("hash checks of 100 concurrent guesses, limit 10").isLessThanOrEqualTo(10);
        assertThat(errors).filteredOn(OAuthError.INVALID_CLIENT::equals).hasSize(hasher.checks.get());
        assertThat(errors).filteredOn(OAuthError.TEMPORARILY_UNAVAILABLE::equals).hasSize(100 - hasher.checks.get());
    }

    @Test
    void threeHundredConcurrentUnknownClientIdsCheckAtMostTheAddressLimit() throws Exception {
        TokenService tokens = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
                FailureLimit.off()), 300);
        hasher.slow = true;

        List<OAuthError> errors = concurrently(300, i -> TokenRequest.clientCredentials(unknownId(), wrongSecret())
                .clientAddress(ADDRESS).build(), tokens);

        assertThat(hasher.checks.get()).as("hash checks of 300 concurrent ids, limit 50 per address")
                .isLessThanOrEqualTo(50);
        assertThat(errors).filteredOn(OAuthError.TEMPORARILY_UNAVAILABLE::equals).hasSize(300 - hasher.checks.get());
    }

    @Test
    void aPairWithARecentSuccessPassesTheAddressLimitWhileAFreshPairMeetsIt() {
        TokenService tokens = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
                FailureLimit.off()), 1);
        CreatedPass rightful = create();
        CreatedPass neverFromHere = create();
        assertThat(tokens.grant(grant(rightful, ADDRESS))).isNotNull();

        for (int i = 0; i < 50; i++) {
            assertThat(error(tokens, TokenRequest.clientCredentials(unknownId(), wrongSecret()).clientAddress(ADDRESS)
                    .build())).isEqualTo(OAuthError.INVALID_CLIENT);
        }

        assertThat(tokens.grant(grant(rightful, ADDRESS))).as("authenticated here before").isNotNull();
        assertThat(error(tokens, grant(neverFromHere, ADDRESS))).as("no success from here yet")
                .isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(error(tokens, TokenRequest.clientCredentials(unknownId(), wrongSecret()).clientAddress(ADDRESS)
                .build())).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(tokens.grant(grant(neverFromHere, "192.0.2.8"))).as("another address").isNotNull();

        clock.advance(Duration.ofHours(24));
        assertThat(error(tokens, grant(rightful, ADDRESS))).as("the success is 24 hours old")
                .isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void aSuccessIsForgottenAtOnceWhenTheMemoryIsOff() {
        TokenService tokens = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("3/1m"),
                FailureLimit.off()).withRecentSuccess(Duration.ZERO), 1);
        CreatedPass rightful = create();
        tokens.grant(grant(rightful, ADDRESS));
        for (int i = 0; i < 3; i++) {
            error(tokens, TokenRequest.clientCredentials(unknownId(), wrongSecret()).clientAddress(ADDRESS).build());
        }

        assertThat(error(tokens, grant(rightful, ADDRESS))).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void everyAddressOfOneIpv6NetworkCountsAsOneSource() {
        Throttling limits = new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("5/1m"), FailureLimit.off());
        TokenService tokens = tokens(limits, 1);
        for (int i = 1; i <= 5; i++) {
            assertThat(error(tokens, TokenRequest.clientCredentials(unknownId(), wrongSecret())
                    .clientAddress("2001:db8:1:2::" + Integer.toHexString(i * 4099)).build()))
                    .isEqualTo(OAuthError.INVALID_CLIENT);
        }
        CreatedPass pass = create();

        assertThat(error(tokens, grant(pass, "2001:db8:1:2:ffff:ffff:ffff:fffe")))
                .as("a fresh address of the same /64").isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(tokens.grant(grant(pass, "2001:db8:1:3::1"))).as("the next /64").isNotNull();

        TokenService exact = tokens(limits.withIpv6Prefix(128), 1);
        for (int i = 1; i <= 5; i++) {
            error(exact, TokenRequest.clientCredentials(unknownId(), wrongSecret()).clientAddress("2001:db8:9::" + i)
                    .build());
        }
        assertThat(exact.grant(grant(pass, "2001:db8:9::6"))).as("/128: every address on its own").isNotNull();
    }

    @Test
    void unprovenChecksShareTheirBoundWhileARecentlyProvenClientIsCheckedAtOnce() throws Exception {
        TokenService tokens = tokens(Throttling.DEFAULTS, 1);
        CreatedPass rightful = create();
        CreatedPass known = create();
        tokens.grant(grant(rightful, ADDRESS));
        hasher.hold = new CountDownLatch(1);
        Future<OAuthError> holding = pool.submit(() -> error(tokens, TokenRequest.clientCredentials(unknownId(),
                wrongSecret()).clientAddress("198.51.100.1").build()));
        hasher.held.await(5, TimeUnit.SECONDS);

        hasher.exempt = Thread.currentThread(); // checks of this thread are not held
        OAuthError unknownWhileBusy = error(tokens, TokenRequest.clientCredentials(unknownId(), wrongSecret())
                .clientAddress("198.51.100.2").build());
        OAuthError knownWhileBusy = error(tokens, TokenRequest.clientCredentials(clientId(known), wrongSecret())
                .clientAddress("198.51.100.3").build());
        IssuedToken proven = tokens.grant(grant(rightful, ADDRESS));
        hasher.hold.countDown();

        assertThat(List.of(unknownWhileBusy, knownWhileBusy)).as("an unknown and a known client id, both unproven")
                .containsOnly(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(proven).as("a pair with a recent success skips the bound").isNotNull();
        assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(tokens.grant(grant(known, "198.51.100.3"))).as("the refusals while busy were not failures")
                .isNotNull();
    }

    @Test
    void aRightfulClientsConcurrentGrantsAreNotRefusedByTheirOwnAttemptsInFlight() throws Exception {
        CreatedPass fresh = create();
        hasher.slow = true;
        TokenService roomy = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
                FailureLimit.off()), 8);

        // 8 checks at once and 16 waiting for one: what the unproven bound lets through without a refusal
        assertThat(grantedOf(24, grant(fresh, ADDRESS), roomy)).as("a first burst of 24 right secrets, limit 10")
                .isEqualTo(24);

        CreatedPass proven = create();
        TokenService narrow = tokens(new Throttling(FailureLimit.parse("10/1m"), FailureLimit.parse("50/1m"),
                FailureLimit.off()), 1);
        narrow.grant(grant(proven, ADDRESS));
        assertThat(grantedOf(32, grant(proven, ADDRESS), narrow)).as("32 at once after a success, one unproven check")
                .isEqualTo(32);
        hasher.slow = false;
        for (int i = 0; i < 10; i++) {
            narrow.grant(grant(proven, ADDRESS));
        }
        assertThat(errorsOf(10, TokenRequest.clientCredentials(clientId(proven), wrongSecret()).clientAddress(ADDRESS)
                .build(), narrow)).as("the proven pair still meets its failure limit")
                .containsOnly(OAuthError.INVALID_CLIENT);
        assertThat(error(narrow, grant(proven, ADDRESS))).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
    }

    private int grantedOf(int count, TokenRequest request, TokenService tokens) throws Exception {
        List<OAuthError> refused = errorsOf(count, request, tokens);
        assertThat(refused).as("refusals of right secrets").isEmpty();
        return count - refused.size();
    }

    /** The errors of {@code count} concurrent copies of {@code request}; a granted one adds nothing. */
    private List<OAuthError> errorsOf(int count, TokenRequest request, TokenService tokens) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<OAuthError>>> answers = new ArrayList<>();
        ExecutorService many = Executors.newFixedThreadPool(count);
        try {
            for (int i = 0; i < count; i++) {
                answers.add(many.submit(() -> {
                    start.await();
                    try {
                        tokens.grant(request);
                        return Optional.<OAuthError>empty();
                    } catch (OAuthException refused) {
                        return Optional.of(refused.error());
                    }
                }));
            }
            start.countDown();
            List<OAuthError> errors = new ArrayList<>();
            for (Future<Optional<OAuthError>> answer : answers) {
                answer.get(30, TimeUnit.SECONDS).ifPresent(errors::add);
            }
            return errors;
        } finally {
            many.shutdownNow();
        }
    }

    private List<OAuthError> concurrently(int count, java.util.function.IntFunction<TokenRequest> request,
                                          TokenService tokens) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OAuthError>> answers = new ArrayList<>();
        ExecutorService many = Executors.newFixedThreadPool(count);
        try {
            for (int i = 0; i < count; i++) {
                TokenRequest one = request.apply(i);
                answers.add(many.submit(() -> {
                    start.await();
                    return error(tokens, one);
                }));
            }
            start.countDown();
            List<OAuthError> errors = new ArrayList<>();
            for (Future<OAuthError> answer : answers) {
                errors.add(answer.get(30, TimeUnit.SECONDS));
            }
            return errors;
        } finally {
            many.shutdownNow();
        }
    }

    private TokenService tokens(Throttling throttling, int unprovenChecks) {
        return new TokenService(storage, new Authenticator(storage, hasher), clock,
                TokenSettings.builder("https://sentinel.test", new byte[32]).build(),
                new TokenService.FrontDoor(event -> { }, event -> { }, new AuthThrottle(throttling,
                        new CountingThrottleBuckets(), new SecurityAudit(storage, clock), unprovenChecks),
                        Optional.empty())).start();
    }

    private static OAuthError error(TokenService service, TokenRequest request) {
        try {
            service.grant(request);
        } catch (OAuthException refused) {
            return refused.error();
        }
        throw new AssertionError("granted: " + request);
    }

    private CreatedPass create() {
        return TestServices.passService(storage).create(CreatePassCommand.builder("demo").agentName("Agent")
                .agentType("tester").permissions("read").build());
    }

    private static TokenRequest grant(CreatedPass pass, String address) {
        return TokenRequest.clientCredentials(clientId(pass), pass.credentials().clientSecret().reveal())
                .clientAddress(address).build();
    }

    private static String clientId(CreatedPass pass) {
        return pass.credentials().clientId().value();
    }

    private static String unknownId() {
        return CredentialGenerator.create().newClientId().value();
    }

    /** Well-formed, so that it costs a hash check. */
    private static String wrongSecret() {
        return CredentialGenerator.create().newSecret().reveal();
    }

    /** The test hasher, counting checks; slow makes concurrent checks overlap, hold keeps them until released. */
    private static final class CountingHasher implements CredentialHasher {
        final AtomicInteger checks = new AtomicInteger();
        volatile boolean slow;
        volatile CountDownLatch hold;
        volatile Thread exempt;
        final CountDownLatch held = new CountDownLatch(1);

        @Override
        public String algorithm() {
            return TestServices.HASHER.algorithm();
        }

        @Override
        public String hash(ClientSecret secret) {
            return TestServices.HASHER.hash(secret);
        }

        @Override
        public boolean verify(ClientSecret secret, String encodedHash) {
            checks.incrementAndGet();
            try {
                if (slow) {
                    Thread.sleep(20);
                }
                CountDownLatch latch = hold;
                if (latch != null && exempt != Thread.currentThread()) {
                    held.countDown();
                    latch.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return TestServices.HASHER.verify(secret, encodedHash);
        }
    }
}

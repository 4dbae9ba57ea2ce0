package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import dev.sentinel.core.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpKeySourcesTest {

    private static final FetchPolicy LOOPBACK = FetchPolicy.builder().allowPrivateTargets(true)
            .timeout(Duration.ofSeconds(1)).build();

    private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");
    private final JwksPublisher issuer = newPublisher();
    private final HttpKeySources sources = HttpKeySources.builder(new TrustedFetcher(LOOPBACK)).clock(clock).build();

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void keepsASetForItsMaxAgeAndThenFetchesItAgain() throws Exception {
        issuer.publish("k1");
        CachedKeySource keys = sources.jwksUri(issuer.jwks());

        assertThat(kids(keys.keys(Optional.of("k1")))).containsExactly("k1");
        clock.advance(Duration.ofMinutes(9));
        assertThat(kids(keys.keys(Optional.of("k1")))).containsExactly("k1");
        assertThat(issuer.fetches()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        keys.keys(Optional.of("k1"));
        assertThat(issuer.fetches()).isEqualTo(2);
    }

    @Test
    void holdsAMaxAgeWithinFiveMinutesAndADay() throws Exception {
        issuer.publish("k1");
        issuer.cacheControl = "no-cache";
        CachedKeySource keys = sources.jwksUri(issuer.jwks());
        keys.keys(Optional.empty());
        clock.advance(Duration.ofMinutes(4));
        keys.keys(Optional.empty());

        assertThat(issuer.fetches()).as("no-cache is held to the 5 min floor").isEqualTo(1);
    }

    @Test
    void stopsTrustingAWithdrawnKeyAfterTheNextFetch() throws Exception {
        issuer.publish("k1");
        issuer.publish("k2");
        CachedKeySource keys = sources.jwksUri(issuer.jwks());
        String oldToken = issuer.token("k2");
        assertThat(SignedJwts.verify(oldToken, keys, SignedJwts.ISSUER_ALGORITHMS).getSubject()).isEqualTo("workload");

        issuer.withdraw("k2");
        clock.advance(Duration.ofMinutes(11));

        assertThat(kids(keys.keys(Optional.empty()))).as("the first answer after the max-age").containsExactly("k1");
        assertThat(issuer.fetches()).isEqualTo(2);
        assertThatThrownBy(() -> SignedJwts.verify(oldToken, keys, SignedJwts.ISSUER_ALGORITHMS))
                .isInstanceOfSatisfying(JwtRefusedException.class, refused -> assertThat(refused.reason())
                        .isEqualTo(JwtRefusedException.Reason.UNKNOWN_KID));
    }

    @Test
    void usesCachedKeysWhileTheIssuerIsDownUntilTheStaleBoundThenRefusesThem() throws Exception {
        issuer.publish("k1");
        CachedKeySource keys = sources.jwksUri(issuer.jwks());
        keys.keys(Optional.empty());
        issuer.status = 503;

        clock.advance(Duration.ofMinutes(10).plus(Duration.ofMinutes(30)));
        assertThat(kids(keys.keys(Optional.of("k1")))).containsExactly("k1");
        assertThat(keys.failures()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(29));
        assertThat(kids(keys.keys(Optional.of("k1")))).as("59 min past the max-age").containsExactly("k1");

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> keys.keys(Optional.of("k1"))).isInstanceOfSatisfying(KeysUnavailableException.class,
                refused -> assertThat(refused.getMessage()).contains("answered HTTP 503")
                        .contains("stale beyond the 1 h bound"));

        issuer.status = 200;
        clock.advance(Duration.ofSeconds(10));
        assertThat(kids(keys.keys(Optional.of("k1")))).as("back once a fetch succeeds").containsExactly("k1");
    }

    @Test
    void refetchesOnceForAnUnknownKidRateLimitedThenRefuses() throws Exception {
        issuer.publish("k1");
        CachedKeySource keys = sources.jwksUri(issuer.jwks());
        keys.keys(Optional.empty());

        issuer.publish("k2"); // rotation: picked up by the first token that names it, 10 s after the last fetch
        clock.advance(Duration.ofSeconds(10));
        assertThat(kids(keys.keys(Optional.of("k2")))).containsExactlyInAnyOrder("k1", "k2");
        assertThat(issuer.fetches()).isEqualTo(2);

        issuer.make("ghost");
        String ghostToken = issuer.token("ghost");
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> SignedJwts.verify(ghostToken, keys, SignedJwts.ISSUER_ALGORITHMS))
                    .isInstanceOfSatisfying(JwtRefusedException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(JwtRefusedException.Reason.UNKNOWN_KID));
        }
        assertThat(issuer.fetches()).as("one refetch per 10 s, however many unknown kids").isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        assertThat(kids(keys.keys(Optional.of("ghost")))).doesNotContain("ghost");
        assertThat(issuer.fetches()).isEqualTo(3);
    }

    @Test
    void refusesAPrivateAddressWithoutTheOptIn() {
        HttpKeySources strict = HttpKeySources.builder(new TrustedFetcher(FetchPolicy.publicTargetsOnly())).clock(clock)
                .build();
        issuer.publish("k1");

        assertThatThrownBy(() -> strict.jwksUri(issuer.jwks()).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("only https is fetched"));
        URI https = URI.create(issuer.jwks().toString().replace("http:", "https:"));
        assertThatThrownBy(() -> strict.jwksUri(https).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("a loopback address"));
        assertThat(issuer.fetches()).isZero();
        assertThat(kids(sources.jwksUri(issuer.jwks()).keys(Optional.empty()))).as("with the opt-in").containsExactly("k1");
    }

    @Test
    void refusesASetOfTenThousandKeys() throws Exception {
        JWK one = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(one.toJSONString().replace("{", "{\"kid\":\"k" + i + "\","));
        }
        issuer.rawBody = "{\"keys\":[" + String.join(",", many) + "]}";
        HttpKeySources roomy = HttpKeySources.builder(new TrustedFetcher(FetchPolicy.builder().allowPrivateTargets(true)
                .maxBytes(16 * 1024 * 1024).build())).clock(clock).build();

        assertThatThrownBy(() -> roomy.jwksUri(issuer.jwks()).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("publishes 10000 keys, more than the 100"));
        assertThatThrownBy(() -> sources.jwksUri(issuer.jwks()).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("more than 262144 bytes"));
    }

    @Test
    void refusesASetWithPrivateParts() throws Exception {
        issuer.rawBody = "{\"keys\":[" + new ECKeyGenerator(Curve.P_256).keyID("leak").generate().toJSONString() + "]}";

        assertThatThrownBy(() -> sources.jwksUri(issuer.jwks()).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("a key with private parts (keys[0]); the set is refused")
                        .doesNotContain("\"d\""));
    }

    @Test
    void dropsKeysOfAWrongTypeAndKeepsTheOthers() throws Exception {
        JWK signing = new ECKeyGenerator(Curve.P_256).keyID("good").generate().toPublicJWK();
        String symmetric = new OctetSequenceKeyGenerator(256).keyID("hmac").generate().toJSONString()
                .replaceAll(",?\"k\":\"[^\"]*\"", "");
        String unknownType = "{\"kty\":\"XYZ\",\"kid\":\"odd\"}";
        String encryption = new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION)
                .generate().toPublicJWK().toJSONString();
        issuer.rawBody = "{\"keys\":[" + symmetric + "," + unknownType + "," + encryption + "," + signing.toJSONString() + "]}";

        assertThat(kids(sources.jwksUri(issuer.jwks()).keys(Optional.empty()))).containsExactly("good");
    }

    @Test
    void neverMakesACallerWithUsableKeysWaitBehindATrickledFetch() throws Exception {
        issuer.publish("k1");
        CachedKeySource cached = sources.jwksUri(issuer.jwks());
        cached.keys(Optional.empty());
        CountDownLatch gate = new CountDownLatch(1);
        issuer.trickleUntil = gate;
        clock.advance(Duration.ofMinutes(11));
        JwksPublisher other = newPublisher();
        other.publish("o1");
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            // the caller that finds the set due refreshes it, bounded by the 1 s deadline, keeping the cached keys
            Future<List<JWK>> refreshing = refresher.submit(() -> cached.keys(Optional.of("k1")));
            awaitFetches(cached, 2);
            // a caller with usable keys meanwhile is answered at once (had it waited, the refresh would have failed
            // at its deadline before the answer)
            assertThat(kids(cached.keys(Optional.of("k1")))).containsExactly("k1");
            assertThat(cached.failures()).isZero();
            assertThat(refreshing).isNotDone();
            // another URI is fetched meanwhile
            assertThat(kids(sources.jwksUri(other.jwks()).keys(Optional.empty()))).containsExactly("o1");
            assertThat(cached.failures()).as("the trickled refresh is still running").isZero();
            // a caller with no keys waits, but only until the deadline
            CachedKeySource fresh = sources.jwksUri(URI.create(issuer.jwks() + "?second"));
            assertThatThrownBy(() -> fresh.keys(Optional.empty())).isInstanceOfSatisfying(KeysUnavailableException.class,
                    refused -> assertThat(refused.getMessage()).contains("did not answer in full within 1000 ms"));
            assertThat(kids(refreshing.get(5, TimeUnit.SECONDS))).as("the refresher keeps the cached keys")
                    .containsExactly("k1");
            assertThat(cached.failures()).isEqualTo(1);
            assertThat(kids(cached.keys(Optional.of("k1")))).as("still within the stale bound").containsExactly("k1");
        } finally {
            refresher.shutdownNow();
            gate.countDown();
            other.close();
        }
    }

    @Test
    void fetchesOnceForManyCallersAtTheSameTime() throws Exception {
        issuer.publish("k1");
        CountDownLatch slowStart = new CountDownLatch(1);
        issuer.server.route("/slow", exchange -> {
            try {
                slowStart.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            LoopbackServer.reply(exchange, 200, "{\"keys\":[" + issuer.publishedJson() + "]}");
        });
        CachedKeySource keys = sources.jwksUri(issuer.server.uri("/slow"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<List<JWK>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(callers.submit(() -> keys.keys(Optional.of("k1"))));
        }
        awaitFetches(keys, 1);
        Thread.sleep(100); // let the other callers join the fetch
        slowStart.countDown();
        for (Future<List<JWK>> answer : answers) {
            assertThat(kids(answer.get(5, TimeUnit.SECONDS))).containsExactly("k1");
        }
        callers.shutdown();

        assertThat(issuer.server.hits("/slow")).isEqualTo(1);
    }

    private static JwksPublisher newPublisher() {
        try {
            return new JwksPublisher();
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    private static List<String> kids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).collect(Collectors.toList());
    }

    private static void awaitFetches(CachedKeySource keys, long count) throws InterruptedException {
        for (int i = 0; i < 500 && keys.fetches() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(keys.fetches()).isGreaterThanOrEqualTo(count);
        Thread.sleep(50);
    }
}

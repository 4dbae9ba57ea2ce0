package dev.sentinel.resource.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.resource.verify.Verification.Failure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remote verifier against a stand-in issuer over real HTTP on loopback: every way a token can be wrong is
 * refused with its own reason, keys are refetched for a rotated key but not for a flood of made-up ones, and
 * introspection refuses revoked tokens and fails closed when the issuer cannot answer.
 */
class RemoteTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final TestIssuer issuer = newIssuer();
    private final TestIssuer.Key key = issuer.publish("ES256");

    @AfterEach
    void stop() {
        issuer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "EdDSA", "RS256"})
    void acceptsAValidTokenOfEachAlgorithmWithItsClaims(String alg) {
        TestIssuer.Key signer = issuer.publish(alg);

        Verification result = verifier().verify(token(signer, header(signer, "at+jwt"), claims()), "read:data");

        assertThat(result.valid()).as(result.detail()).isTrue();
        VerifiedToken token = result.token().orElseThrow();
        assertThat(token.issuer()).isEqualTo(issuer.issuer());
        assertThat(token.clientId()).isEqualTo("sp_client");
        assertThat(token.scopes()).containsExactlyInAnyOrder("read:data", "write:data");
        assertThat(token.passId()).contains("SP-2026-ABC123");
        assertThat(token.kid()).isEqualTo(signer.kid());
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(900));
    }

    @Test
    void acceptsThePlainJwtTypeByDefaultAndOnlyTheConfiguredTypesWhenSet() {
        String plain = token(key, header(key, "JWT"), claims());

        assertThat(verifier().verify(plain).valid()).isTrue();
        Verification strict = builder().acceptedTypes(Set.of("at+jwt")).build().verify(plain);
        assertThat(strict.failure()).contains(Failure.WRONG_TYPE);
    }

    @Test
    void refusesATokenWithoutTypOrOfAnotherType() {
        assertThat(verifier().verify(token(key, "{\"alg\":\"ES256\",\"kid\":\"" + key.kid() + "\"}", claims())).failure())
                .contains(Failure.WRONG_TYPE);
        assertThat(verifier().verify(token(key, header(key, "id+jwt"), claims())).failure()).contains(Failure.WRONG_TYPE);
    }

    @Test
    void refusesATamperedToken() {
        String genuine = token(key, header(key, "at+jwt"), claims());
        String[] parts = genuine.split("\\.");
        String widened = TestIssuer.b64(claims().replace("read:data write:data", "admin:all").getBytes());

        Verification result = verifier().verify(parts[0] + "." + widened + "." + parts[2]);

        assertThat(result.failure()).contains(Failure.BAD_SIGNATURE);
        assertThat(result.token()).isEmpty();
    }

    @Test
    void refusesAnUnsignedTokenAndAlgorithmsItDoesNotSupport() {
        String unsigned = TestIssuer.b64(("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}").getBytes())
                + "." + TestIssuer.b64(claims().getBytes()) + ".";
        String hmac = token(key, "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}", claims());

        assertThat(verifier().verify(unsigned).failure()).contains(Failure.UNSUPPORTED_ALGORITHM);
        assertThat(verifier().verify(hmac).failure()).contains(Failure.UNSUPPORTED_ALGORITHM);
        assertThat(issuer.jwksFetches.get()).as("a token refused by its header costs no key fetch").isZero();
    }

    @Test
    void refusesATokenWhoseAlgIsNotItsKeys() {
        TestIssuer.Key edKey = issuer.publish("EdDSA");
        String confused = token(edKey, "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + edKey.kid() + "\"}", claims());

        assertThat(verifier().verify(confused).failure()).contains(Failure.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String token = token(key, header(key, "at+jwt"), claims().replace(issuer.issuer(), "https://evil.example"));

        Verification result = verifier().verify(token);

        assertThat(result.failure()).contains(Failure.WRONG_ISSUER);
        assertThat(result.detail()).contains("https://evil.example");
    }

    @Test
    void refusesATokenForAnotherAudienceAndAcceptsOneOfSeveral() {
        String other = token(key, header(key, "at+jwt"), claims("\"aud\":\"https://other.example\""));
        String several = token(key, header(key, "at+jwt"), claims("\"aud\":[\"https://other.example\",\"https://api.example\"]"));

        assertThat(verifier().verify(other).failure()).contains(Failure.WRONG_AUDIENCE);
        assertThat(builder().audience("https://api.example").build().verify(several).valid()).isTrue();
        assertThat(verifier().verify(several).failure()).as("the default audience is the issuer").contains(Failure.WRONG_AUDIENCE);
    }

    @Test
    void refusesAnExpiredTokenOutsideTheClockSkewOnly() {
        String token = token(key, header(key, "at+jwt"), claims());

        clock.set(NOW.plusSeconds(900 + 29));
        assertThat(verifier().verify(token).valid()).as("29 s after exp, inside the 30 s skew").isTrue();
        clock.set(NOW.plusSeconds(900 + 30));
        Verification result = verifier().verify(token);
        assertThat(result.failure()).contains(Failure.EXPIRED);
        assertThat(result.token()).as("an expired token was genuine: its pass can be recorded").isPresent();
    }

    @Test
    void refusesATokenNotValidYet() {
        String later = token(key, header(key, "at+jwt"), claims("\"nbf\":" + NOW.plusSeconds(120).getEpochSecond()));
        String issuedLater = token(key, header(key, "at+jwt"),
                claims().replace("\"iat\":" + NOW.getEpochSecond(), "\"iat\":" + NOW.plusSeconds(120).getEpochSecond()));

        assertThat(verifier().verify(later).failure()).contains(Failure.NOT_YET_VALID);
        assertThat(verifier().verify(issuedLater).failure()).contains(Failure.NOT_YET_VALID);
        clock.set(NOW.plusSeconds(100));
        assertThat(verifier().verify(later).valid()).as("nbf within the skew").isTrue();
    }

    @Test
    void refusesATokenWithoutTheRequiredScope() {
        Verification result = verifier().verify(token(key, header(key, "at+jwt"), claims()), "admin:users");

        assertThat(result.failure()).contains(Failure.MISSING_SCOPE);
        assertThat(result.detail()).contains("admin:users");
    }

    @Test
    void refusesMalformedTokensWithoutThrowing() {
        RemoteTokenVerifier verifier = verifier();
        assertThat(verifier.verify((String) null).failure()).contains(Failure.MALFORMED);
        assertThat(verifier.verify("not-a-jwt").failure()).contains(Failure.MALFORMED);
        assertThat(verifier.verify("a.b.c.d").failure()).contains(Failure.MALFORMED);
        assertThat(verifier.verify("e30.e30.=").failure()).contains(Failure.MALFORMED);
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), "{\"iss\":\"" + issuer.issuer() + "\"}")).failure())
                .as("no aud, no exp").contains(Failure.MALFORMED);
        assertThat(verifier.verify("x".repeat(9000)).failure()).contains(Failure.MALFORMED);
    }

    @Test
    void fetchesTheKeysOnceAndRefetchesForARotatedKey() {
        RemoteTokenVerifier verifier = verifier();
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), claims())).valid()).isTrue();
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), claims())).valid()).isTrue();
        assertThat(issuer.jwksFetches.get()).isEqualTo(1);

        TestIssuer.Key rotated = issuer.publish("ES256");
        ticker.addAndGet(Duration.ofSeconds(11).toNanos());
        Verification result = verifier.verify(token(rotated, header(rotated, "at+jwt"), claims()));

        assertThat(result.valid()).as(result.detail()).isTrue();
        assertThat(issuer.jwksFetches.get()).as("one refetch for the new kid").isEqualTo(2);
    }

    @Test
    void aFloodOfUnknownKeyIdsCostsAtMostOneFetchPerInterval() {
        RemoteTokenVerifier verifier = verifier();
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), claims())).valid()).isTrue();

        for (int i = 0; i < 50; i++) {
            TestIssuer.Key madeUp = TestIssuer.newKey("ES256");
            assertThat(verifier.verify(token(madeUp, header(madeUp, "at+jwt"), claims())).failure())
                    .contains(Failure.UNKNOWN_KEY);
        }
        assertThat(issuer.jwksFetches.get()).as("inside the interval, no refetch at all").isEqualTo(1);

        ticker.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 50; i++) {
            TestIssuer.Key madeUp = TestIssuer.newKey("EdDSA");
            verifier.verify(token(madeUp, header(madeUp, "at+jwt"), claims()));
        }
        assertThat(issuer.jwksFetches.get()).as("one refetch per interval").isEqualTo(2);
        assertThat(verifier.stats().keyFetches()).isEqualTo(2);
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), claims())).valid()).isTrue();
    }

    @Test
    void stopsAcceptingAWithdrawnKeyOnceTheKeysAreOlderThanTheirMaximumAge() {
        RemoteTokenVerifier verifier = builder().keysMaxAge(Duration.ofMinutes(5)).build();
        String token = token(key, header(key, "at+jwt"), claims());
        assertThat(verifier.verify(token).valid()).isTrue();

        issuer.withdraw(key);
        ticker.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(verifier.verify(token).failure()).contains(Failure.UNKNOWN_KEY);
    }

    @Test
    void failsClosedWhenTheKeysCannotBeFetched() throws IOException {
        RemoteTokenVerifier verifier = RemoteTokenVerifier.builder("http://127.0.0.1:" + closedPort())
                .clock(clock).ticker(ticker::get).timeout(Duration.ofSeconds(2)).build();

        Verification result = verifier.verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(result.failure().orElseThrow().unavailable()).isTrue();
        assertThat(verifier.stats().keyFetchFailures()).isEqualTo(1);
    }

    @Test
    void refusesMetadataThatNamesAnotherIssuer() {
        issuer.issuerInMetadata = "https://impostor.example";

        Verification result = verifier().verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(result.detail()).contains("impostor");
        assertThat(issuer.jwksFetches.get()).isZero();
    }

    @Test
    void takesAnExplicitJwksAddressWithoutReadingMetadata() {
        issuer.issuerInMetadata = "https://impostor.example";
        RemoteTokenVerifier verifier = builder().jwksUri(URI.create(issuer.issuer() + "/.well-known/jwks.json")).build();

        assertThat(verifier.verify(token(key, header(key, "at+jwt"), claims())).valid()).isTrue();
    }

    @Test
    void refusesAJwksUriOnAnotherOriginWithoutFollowingIt() {
        TestIssuer elsewhere = newIssuer();
        try {
            elsewhere.publish("ES256");
            issuer.jwksUriInMetadata = elsewhere.issuer() + "/.well-known/jwks.json";

            Verification result = verifier().verify(token(key, header(key, "at+jwt"), claims()));

            assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
            assertThat(result.detail()).contains("jwks_uri on http://127.0.0.1:" + elsewhere.port())
                    .contains("is not on the issuer's origin http://127.0.0.1:" + issuer.port())
                    .contains("refused, not followed");
            assertThat(elsewhere.jwksFetches.get()).isZero();
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void refusesAFileJwksUriWithARefusalNotAnException() {
        issuer.jwksUriInMetadata = "file:///etc/passwd";

        Verification fromMetadata = verifier().verify(token(key, header(key, "at+jwt"), claims()));
        Verification configured = builder().jwksUri(URI.create("file:///etc/passwd")).build()
                .verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(fromMetadata.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(fromMetadata.detail()).contains("jwks_uri (a file: URI) is not on the issuer's origin");
        assertThat(configured.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(configured.detail()).contains("is not an https URL");
    }

    @Test
    void refusesAnIntrospectionEndpointOnAnotherOrigin() {
        issuer.introspectionInMetadata = "https://collector.example/introspect";

        Verification result = introspecting().build().verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(result.detail()).contains("introspection_endpoint on https://collector.example:443 is not on the"
                + " issuer's origin");
        assertThat(issuer.introspections.get()).isZero();
    }

    @Test
    void refusesATokenThatLivesLongerThanADay() {
        String longLived = claims().replace("\"exp\":" + NOW.plusSeconds(900).getEpochSecond(),
                "\"exp\":" + NOW.plus(Duration.ofHours(24)).plusSeconds(1).getEpochSecond());
        String noIat = longLived.replace(",\"iat\":" + NOW.getEpochSecond(), "");
        String aDay = claims().replace("\"exp\":" + NOW.plusSeconds(900).getEpochSecond(),
                "\"exp\":" + NOW.plus(Duration.ofHours(24)).getEpochSecond());
        RemoteTokenVerifier verifier = verifier();

        assertThat(verifier.verify(token(key, header(key, "at+jwt"), longLived)).failure())
                .contains(Failure.LIFETIME_TOO_LONG);
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), noIat.replace(
                String.valueOf(NOW.plus(Duration.ofHours(24)).plusSeconds(1).getEpochSecond()),
                String.valueOf(NOW.plus(Duration.ofHours(25)).getEpochSecond())))).failure())
                .contains(Failure.LIFETIME_TOO_LONG);
        assertThat(verifier.verify(token(key, header(key, "at+jwt"), aDay)).valid()).isTrue();
    }

    @Test
    void boundsATrickledJwksAsAWhole() {
        issuer.jwksTrickles = true;
        RemoteTokenVerifier verifier = builder().timeout(Duration.ofMillis(500)).build();

        Verification result = verifier.verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(result.detail()).contains("did not answer in full within 500 ms");
        issuer.jwksTrickles = false;
    }

    @Test
    void usesCachedKeysWhileTheIssuerIsDownUntilTheStaleBoundThenFailsClosed() {
        RemoteTokenVerifier verifier = builder().keysMaxAge(Duration.ofMinutes(5))
                .keysStaleIfError(Duration.ofMinutes(30)).build();
        String token = token(key, header(key, "at+jwt"), claims());
        assertThat(verifier.verify(token).valid()).isTrue();

        issuer.jwksStatus = 503;
        ticker.addAndGet(Duration.ofMinutes(5).plus(Duration.ofMinutes(29)).toNanos());
        assertThat(verifier.verify(token).valid()).as("within the stale bound").isTrue();

        ticker.addAndGet(Duration.ofMinutes(1).toNanos());
        Verification refused = verifier.verify(token);
        assertThat(refused.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(refused.detail()).contains("answered HTTP 503").contains("stale beyond the 30 min bound");
    }

    @Test
    void refusesAnIssuerOnAPrivateAddressWhenPrivateTargetsAreTurnedOff() {
        Verification result = builder().allowPrivateTargets(false).build()
                .verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.KEYS_UNAVAILABLE);
        assertThat(result.detail()).contains("only https is fetched");
    }

    @Test
    void introspectionRefusesARevokedToken() {
        RemoteTokenVerifier verifier = introspecting().introspectionCache(Duration.ZERO).build();
        String token = token(key, header(key, "at+jwt"), claims());
        assertThat(verifier.verify(token).valid()).isTrue();

        issuer.revoke("jti-1");
        Verification result = verifier.verify(token);

        assertThat(result.failure()).contains(Failure.REVOKED);
        assertThat(result.token().flatMap(VerifiedToken::passId)).contains("SP-2026-ABC123");
    }

    @Test
    void introspectionAnswersAreReusedForTheCacheTime() {
        RemoteTokenVerifier verifier = introspecting().introspectionCache(Duration.ofMinutes(1)).build();
        String token = token(key, header(key, "at+jwt"), claims());

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token).valid()).isTrue();
        }
        assertThat(issuer.introspections.get()).isEqualTo(1);
        assertThat(verifier.stats().introspections()).isEqualTo(1);
        assertThat(verifier.stats().introspectionFailures()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void failsClosedWhenIntrospectionIsThrottledOrFailing(int status) {
        issuer.introspectionStatus = status;

        Verification result = introspecting().build().verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.INTROSPECTION_UNAVAILABLE);
        assertThat(result.detail()).contains(String.valueOf(status));
    }

    @Test
    void failsClosedWhenTheIntrospectionEndpointIsDown() throws IOException {
        RemoteTokenVerifier verifier = introspecting()
                .introspectionEndpoint(URI.create("http://127.0.0.1:" + closedPort() + "/oauth/introspect")).build();

        Verification result = verifier.verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.INTROSPECTION_UNAVAILABLE);
        assertThat(result.failure().orElseThrow().unavailable()).isTrue();
        assertThat(verifier.stats().introspectionFailures()).isEqualTo(1);
    }

    @Test
    void failsClosedWhenTheIssuerRefusesTheIntrospectionCredentials() {
        RemoteTokenVerifier verifier = builder().introspection(TestIssuer.INTROSPECTOR_ID, "wrong-secret").build();

        Verification result = verifier.verify(token(key, header(key, "at+jwt"), claims()));

        assertThat(result.failure()).contains(Failure.INTROSPECTION_UNAVAILABLE);
        assertThat(result.detail()).contains("401").doesNotContain("wrong-secret");
        assertThat(verifier.toString()).doesNotContain("wrong-secret");
    }

    @Test
    void refusesSettingsOutsideTheirRangeNamingThem() {
        assertThatThrownBy(() -> RemoteTokenVerifier.builder("not a url")).hasMessageContaining("issuer");
        assertThatThrownBy(() -> RemoteTokenVerifier.builder("ftp://example.com")).hasMessageContaining("issuer");
        assertThatThrownBy(() -> builder().clockSkew(Duration.ofHours(1))).hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> builder().acceptedTypes(Set.of())).hasMessageContaining("acceptedTypes");
        assertThatThrownBy(() -> builder().introspection("id", " ")).hasMessageContaining("secret");
    }

    private RemoteTokenVerifier verifier() {
        return builder().build();
    }

    private RemoteTokenVerifier.Builder builder() {
        return RemoteTokenVerifier.builder(issuer.issuer()).clock(clock).ticker(ticker::get);
    }

    private RemoteTokenVerifier.Builder introspecting() {
        return builder().introspection(TestIssuer.INTROSPECTOR_ID, TestIssuer.INTROSPECTOR_SECRET);
    }

    private static String header(TestIssuer.Key key, String typ) {
        return "{\"alg\":\"" + key.alg() + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + key.kid() + "\"}";
    }

    private String claims() {
        return claims("\"aud\":\"" + issuer.issuer() + "\"");
    }

    /** Sentinel's claims, with {@code extra} in place of the audience. */
    private String claims(String audienceOrExtra) {
        String extra = audienceOrExtra.startsWith("\"aud\"") ? audienceOrExtra
                : "\"aud\":\"" + issuer.issuer() + "\"," + audienceOrExtra;
        return "{\"iss\":\"" + issuer.issuer() + "\",\"sub\":\"sp_client\"," + extra + ",\"exp\":"
                + NOW.plusSeconds(900).getEpochSecond() + ",\"iat\":" + NOW.getEpochSecond() + ",\"jti\":\"jti-1\","
                + "\"client_id\":\"sp_client\",\"scope\":\"read:data write:data\",\"pass_id\":\"SP-2026-ABC123\"}";
    }

    private static String token(TestIssuer.Key key, String header, String claims) {
        return TestIssuer.sign(key, header, claims);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static TestIssuer newIssuer() {
        try {
            return new TestIssuer();
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}

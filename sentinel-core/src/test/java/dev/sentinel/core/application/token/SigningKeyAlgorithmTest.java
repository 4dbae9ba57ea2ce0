package dev.sentinel.core.application.token;

import dev.sentinel.core.jose.ForgedTokens;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.jose.Base64Url;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.jose.KeyAlgorithm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The algorithm of new signing keys is stored with the store's keys: ES256 for a new store, the current key's when
 * none is configured, and the configured one when it is.
 */
class SigningKeyAlgorithmTest {

    private static final byte[] KEK = new byte[32];

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aStoreWithoutKeysStartsWithEs256() {
        KeyRing ring = keys(Optional.empty()).start();

        assertThat(ring.active().algorithm()).isEqualTo(KeyAlgorithm.ES256);
        assertThat(SigningKeyService.DEFAULT_ALGORITHM).isEqualTo(KeyAlgorithm.ES256);
        assertThat(ring.jwks()).singleElement().satisfies(jwk -> assertThat(jwk).containsEntry("alg", "ES256")
                .containsEntry("kty", "EC").containsEntry("crv", "P-256"));
    }

    @Test
    void aStoreWhoseKeysAreEdDsaKeepsEdDsaWhenNoAlgorithmIsConfigured() {
        String edKid = keys(Optional.of("EdDSA")).start().active().kid(); // what the earlier default made

        SigningKeyService unconfigured = keys(Optional.empty());
        assertThat(unconfigured.start().active().kid()).as("no new key on start").isEqualTo(edKid);
        assertThat(stored()).hasSize(1);

        String rotated = unconfigured.rotate();
        assertThat(rotated).isNotEqualTo(edKid);
        assertThat(unconfigured.current().active().algorithm()).as("rotation follows the stored algorithm")
                .isEqualTo(KeyAlgorithm.EDDSA);
        assertThat(stored()).extracting(SigningKeyRecord::algorithm).containsOnly("EdDSA");
    }

    @Test
    void rotationFollowsAnAlgorithmAnOperatorChoseEarlier() {
        keys(Optional.empty()).start();
        keys(Optional.of("RS256")).rotate();

        SigningKeyService unconfigured = keys(Optional.empty());
        unconfigured.start();
        unconfigured.rotate();

        assertThat(unconfigured.current().active().algorithm()).isEqualTo(KeyAlgorithm.RS256);
    }

    @Test
    void aConfiguredAlgorithmThatDiffersMakesANewKeyOnStartAndOldTokensStillVerify() {
        SigningKeyService eddsa = keys(Optional.of("EdDSA"));
        eddsa.start();
        AccessTokens before = new AccessTokens(eddsa, () -> "https://sentinel.test", TokenSettings.MAX_LIFETIME);
        String oldToken = before.issue(claims());

        SigningKeyService es256 = keys(Optional.of("ES256"));
        KeyRing ring = es256.start();

        assertThat(ring.active().algorithm()).isEqualTo(KeyAlgorithm.ES256);
        assertThat(ring.jwks()).extracting(jwk -> jwk.get("alg")).containsExactlyInAnyOrder("ES256", "EdDSA");
        AccessTokens after = new AccessTokens(es256, () -> "https://sentinel.test", TokenSettings.MAX_LIFETIME);
        assertThat(after.verify(oldToken, clock.instant())).isPresent();
        assertThat(header(after.issue(claims()))).containsEntry("alg", "ES256");
    }

    @Test
    void theConfiguredTypeIsTheHeaderOfIssuedTokensAndBothTypesVerify() {
        SigningKeyService keys = keys(Optional.empty());
        keys.start();
        AccessTokens jwt = new AccessTokens(keys, () -> "https://sentinel.test", TokenSettings.MAX_LIFETIME,
                AccessTokenType.JWT);
        AccessTokens atJwt = new AccessTokens(keys, () -> "https://sentinel.test", TokenSettings.MAX_LIFETIME);

        String token = jwt.issue(claims());
        assertThat(header(token)).containsEntry("typ", "JWT").containsEntry("alg", "ES256");
        assertThat(header(atJwt.issue(claims()))).containsEntry("typ", "at+jwt");
        assertThat(atJwt.verify(token, clock.instant())).as("an at+jwt issuer accepts its own JWT tokens").isPresent();
        assertThat(jwt.verify(atJwt.issue(claims()), clock.instant())).isPresent();
        byte[] validClaims = Base64Url.decode(token.split("\\.")[1]);
        assertThat(jwt.verify(ForgedTokens.sign(keys.current().active(), "JWT", validClaims), clock.instant())).isPresent();
        assertThat(jwt.verify(ForgedTokens.sign(keys.current().active(), "secevent+jwt", validClaims), clock.instant()))
                .as("a token of another type, signed with the issuer's key").isEmpty();
    }

    @Test
    void theTypeParsesEitherSpellingIgnoringCaseAndNothingElse() {
        assertThat(AccessTokenType.parse("AT+JWT")).isEqualTo(AccessTokenType.AT_JWT);
        assertThat(AccessTokenType.parse("jwt")).isEqualTo(AccessTokenType.JWT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessTokenType.parse("id+jwt"))
                .hasMessage("access token typ must be at+jwt or JWT (got 'id+jwt')");
    }

    private SigningKeyService keys(Optional<String> algorithm) {
        return new SigningKeyService(storage, clock, algorithm, KEK, Duration.ofMinutes(15));
    }

    private List<SigningKeyRecord> stored() {
        return storage.read((StorageSession session) -> session.signingKeys().all());
    }

    private AccessTokenClaims claims() {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        return new AccessTokenClaims("https://sentinel.test", "spc_client", List.of("https://sentinel.test"), now,
                now.plusSeconds(600), "jti-" + System.nanoTime(), "spc_client", "read", "SP-2026-AAAAAA", 0, "c1");
    }

    private static Map<String, Object> header(String token) {
        return JoseJson.read(Base64Url.decode(token.substring(0, token.indexOf('.'))));
    }
}

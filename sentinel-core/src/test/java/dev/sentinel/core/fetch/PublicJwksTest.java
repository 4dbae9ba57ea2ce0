package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicJwksTest {

    @Test
    void publicKeysAreKeptWithTheirThumbprints() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();

        List<JWK> keys = PublicJwks.parse(set(key.toPublicJWK().toJSONString()), "jwks",
                SignedJwts.CLIENT_ASSERTION_ALGORITHMS);

        assertThat(keys).singleElement().satisfies(kept -> {
            assertThat(kept.isPrivate()).isFalse();
            assertThat(PublicJwks.thumbprint(kept)).isEqualTo(key.computeThumbprint().toString());
        });
        assertThat(PublicJwks.toJson(keys)).contains("\"kid\":\"k1\"").doesNotContain("\"d\"");
    }

    @Test
    void everyBrokenKeyIsNamedAtOnceAndAPrivateKeyIsRefused() throws Exception {
        String privateEc = new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        String symmetric = new OctetSequenceKeyGenerator(256).generate().toJSONString();
        String smallRsa = new RSAKeyGenerator(1024, true).generate().toPublicJWK().toJSONString();
        String p384 = new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONString();

        assertThatThrownBy(() -> PublicJwks.parse(set(privateEc, symmetric, smallRsa, p384, "\"x\""), "jwks",
                SignedJwts.CLIENT_ASSERTION_ALGORITHMS))
                .isInstanceOf(ValidationException.class)
                .satisfies(thrown -> assertThat(((ValidationException) thrown).violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("jwks.keys[0]", "jwks.keys[1]", "jwks.keys[2]", "jwks.keys[3]",
                                "jwks.keys[4]"))
                .hasMessageContaining("private member d")
                .hasMessageContaining("at least 2048 bits")
                .hasMessageContaining("ES256, EdDSA, PS256, RS256");
    }

    @Test
    void aP384KeyIsAcceptedWhereES384Is() throws Exception {
        String p384 = new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONString();

        assertThat(PublicJwks.parse(set(p384), "jwks", SignedJwts.ISSUER_ALGORITHMS)).hasSize(1);
    }

    @Test
    void aHugeSetIsRefusedWithoutReadingItsKeys() {
        String many = String.join(",", Collections.nCopies(10_000, "{\"kty\":\"EC\"}"));

        assertThatThrownBy(() -> PublicJwks.parse(set(many), "jwks", SignedJwts.ISSUER_ALGORITHMS))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 100 keys (it has 10000)");
    }

    @Test
    void repeatedKidsAndAnythingButASetAreRefused() throws Exception {
        String a = new ECKeyGenerator(Curve.P_256).keyID("same").generate().toPublicJWK().toJSONString();
        String b = new ECKeyGenerator(Curve.P_256).keyID("same").generate().toPublicJWK().toJSONString();

        assertThatThrownBy(() -> PublicJwks.parse(set(a, b), "jwks", SignedJwts.ISSUER_ALGORITHMS))
                .hasMessageContaining("jwks.keys[1].kid");
        assertThatThrownBy(() -> PublicJwks.parse(a, "jwks", SignedJwts.ISSUER_ALGORITHMS))
                .hasMessageContaining("jwks: must be a JWK set");
        assertThatThrownBy(() -> PublicJwks.parse("{\"keys\":[]}", "jwks", SignedJwts.ISSUER_ALGORITHMS))
                .hasMessageContaining("at least one key");
    }

    private static String set(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }
}

package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.fetch.KeySource;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratedKeyTest {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @ParameterizedTest
    @EnumSource(GeneratedKey.Algorithm.class)
    void thePublicJwkHoldsNoPrivateMemberAndIsNamedByItsThumbprint(GeneratedKey.Algorithm algorithm) {
        GeneratedKey key = GeneratedKey.generate(algorithm);

        Map<String, Object> published = key.publicJwk();
        assertThat(published).doesNotContainKeys(PublicKeyFile.PRIVATE_MEMBERS.toArray(String[]::new));
        assertThat(published).containsEntry("alg", algorithm.name()).containsEntry("use", "sig");
        List<JWK> accepted = registered(key);
        assertThat(published.get("kid")).isEqualTo(PublicJwks.thumbprint(accepted.get(0))).isEqualTo(key.thumbprint());
    }

    @ParameterizedTest
    @EnumSource(GeneratedKey.Algorithm.class)
    void thePemPrivateKeySignsWhatTheRegisteredPublicKeyVerifies(GeneratedKey.Algorithm algorithm) throws Exception {
        GeneratedKey key = GeneratedKey.generate(algorithm);
        String signingInput = BASE64URL.encodeToString(("{\"alg\":\"" + algorithm.name() + "\",\"kid\":\""
                + key.thumbprint() + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString("{\"sub\":\"spc_agent\"}".getBytes(StandardCharsets.UTF_8));
        Signature signer = jdkSignature(algorithm);
        signer.initSign(fromPem(key.privateKeyPem(), algorithm));
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String compact = signingInput + "." + BASE64URL.encodeToString(signer.sign());

        assertThat(SignedJwts.verify(compact, KeySource.fixed(registered(key)), SignedJwts.CLIENT_ASSERTION_ALGORITHMS)
                .getSubject()).isEqualTo("spc_agent");
    }

    @ParameterizedTest
    @EnumSource(value = GeneratedKey.Algorithm.class, names = {"ES256", "RS256", "PS256"})
    void thePrivateJwkSignsWhatTheRegisteredPublicKeyVerifies(GeneratedKey.Algorithm algorithm) throws Exception {
        GeneratedKey key = GeneratedKey.generate(algorithm);
        JWK privateJwk = JWK.parse(key.privateJwk());
        assertThat(privateJwk.isPrivate()).isTrue();
        JWSObject signed = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
                .keyID(key.thumbprint()).build(), new Payload("{\"sub\":\"spc_agent\"}"));
        signed.sign(new DefaultJWSSignerFactory().createJWSSigner(privateJwk, signed.getHeader().getAlgorithm()));

        assertThat(SignedJwts.verify(signed.serialize(), KeySource.fixed(registered(key)),
                SignedJwts.CLIENT_ASSERTION_ALGORITHMS).getSubject()).isEqualTo("spc_agent");
    }

    @ParameterizedTest
    @EnumSource(value = GeneratedKey.Algorithm.class, names = "EdDSA")
    void theEd25519PrivateJwkHoldsTheSeedOfThePemKey(GeneratedKey.Algorithm algorithm) throws Exception {
        GeneratedKey key = GeneratedKey.generate(algorithm);
        byte[] pkcs8 = fromPem(key.privateKeyPem(), algorithm).getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);

        assertThat(Base64.getUrlDecoder().decode((String) key.privateJwk().get("d"))).isEqualTo(seed);
        assertThat(JWK.parse(key.privateJwk()).toPublicJWK().toJSONObject())
                .isEqualTo(JWK.parse(key.publicJwk()).toJSONObject());
    }

    @ParameterizedTest
    @EnumSource(value = GeneratedKey.Algorithm.class, names = {"RS256", "PS256"})
    void rsaKeysHave2048Bits(GeneratedKey.Algorithm algorithm) throws Exception {
        assertThat(JWK.parse(GeneratedKey.generate(algorithm).publicJwk()).size()).isEqualTo(2048);
    }

    @ParameterizedTest
    @EnumSource(GeneratedKey.Algorithm.class)
    void itsTextNeverShowsThePrivateKey(GeneratedKey.Algorithm algorithm) {
        GeneratedKey key = GeneratedKey.generate(algorithm);
        assertThat(key.toString()).contains("redacted").doesNotContain((String) key.privateJwk().get("d"));
    }

    private static List<JWK> registered(GeneratedKey key) {
        return PublicJwks.parse(PublicKeyFile.set(key.publicJwk()), "jwks", SignedJwts.CLIENT_ASSERTION_ALGORITHMS);
    }

    private static PrivateKey fromPem(String pem, GeneratedKey.Algorithm algorithm) throws Exception {
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        String factory = switch (algorithm) {
            case ES256 -> "EC";
            case EdDSA -> "Ed25519";
            default -> "RSA";
        };
        return KeyFactory.getInstance(factory).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static Signature jdkSignature(GeneratedKey.Algorithm algorithm) throws Exception {
        return switch (algorithm) {
            case ES256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case EdDSA -> Signature.getInstance("Ed25519");
            case RS256 -> Signature.getInstance("SHA256withRSA");
            case PS256 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
    }
}

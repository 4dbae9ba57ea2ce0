package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignedJwtsTest {

    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().issuer("agent").subject("agent")
            .audience("https://sentinel.example").jwtID("j1").build();

    private final ECKey ec = generateEc("ec-1");
    private final ECKey otherEc = generateEc("ec-2");
    private final RSAKey rsa = generateRsa("rsa-1");

    @Test
    void aKidSelectsTheKeyAndTheClaimsComeBack() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, true);

        JWTClaimsSet claims = SignedJwts.verify(token, KeySource.fixed(publicOf(otherEc, ec)),
                SignedJwts.CLIENT_ASSERTION_ALGORITHMS);

        assertThat(claims.getJWTID()).isEqualTo("j1");
    }

    @Test
    void withoutAKidEveryKeyOfTheAlgorithmIsTried() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, false);

        JWTClaimsSet claims = SignedJwts.verify(token, KeySource.fixed(publicOf(rsa, otherEc, ec)),
                SignedJwts.CLIENT_ASSERTION_ALGORITHMS);

        assertThat(claims.getSubject()).isEqualTo("agent");
    }

    @Test
    void aTokenNoKeyVerifiesIsABadSignature() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, false);

        assertRefused(token, KeySource.fixed(publicOf(otherEc)), JwtRefusedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownKidAsksTheSourceWithThatKidAndIsRefused() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, true);
        AtomicReference<Optional<String>> asked = new AtomicReference<>();
        KeySource source = kid -> {
            asked.set(kid);
            return publicOf(otherEc);
        };

        assertRefused(token, source, JwtRefusedException.Reason.UNKNOWN_KID);
        assertThat(asked.get()).contains("ec-1");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String token = new PlainJWT(CLAIMS).serialize();

        assertRefused(token, KeySource.fixed(publicOf(ec)), JwtRefusedException.Reason.ALG_NOT_ALLOWED);
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // the alg-confusion attack: the attacker signs with HS256, using the published RSA key's bytes as the secret
        byte[] secret = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), CLAIMS);
        forged.sign(new MACSigner(Arrays.copyOf(secret, Math.max(32, secret.length))));

        assertRefused(forged.serialize(), KeySource.fixed(publicOf(rsa)), JwtRefusedException.Reason.ALG_NOT_ALLOWED);
    }

    @Test
    void anAlgorithmOutsideTheCallersListIsRefused() throws Exception {
        String token = sign(rsa, JWSAlgorithm.RS512, true);

        assertRefused(token, KeySource.fixed(publicOf(rsa)), JwtRefusedException.Reason.ALG_NOT_ALLOWED);
        assertThat(SignedJwts.verify(token, KeySource.fixed(publicOf(rsa)), SignedJwts.ISSUER_ALGORITHMS)
                .getIssuer()).isEqualTo("agent");
    }

    @Test
    void aKeyDeclaredForAnotherAlgorithmIsNotUsed() throws Exception {
        RSAKey declaredPs256 = new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.PS256).build();
        String token = sign(rsa, JWSAlgorithm.RS256, true);

        assertRefused(token, KeySource.fixed(publicOf(declaredPs256)), JwtRefusedException.Reason.UNKNOWN_KID);
    }

    @Test
    void anEd25519TokenIsCheckedWithTheJdk() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        OctetKeyPair okp = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length))).build();
        String signingInput = new JWSHeader.Builder(JWSAlgorithm.EdDSA).build().toBase64URL() + "."
                + Base64URL.encode(CLAIMS.toString());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + Base64URL.encode(signer.sign());

        assertThat(SignedJwts.verify(token, KeySource.fixed(List.of(okp)), SignedJwts.CLIENT_ASSERTION_ALGORITHMS)
                .getJWTID()).isEqualTo("j1");
        int inSignature = token.lastIndexOf('.') + 10; // a character whose six bits are all signature bits
        String tampered = token.substring(0, inSignature) + (token.charAt(inSignature) == 'A' ? 'B' : 'A')
                + token.substring(inSignature + 1);
        assertRefused(tampered, KeySource.fixed(List.of(okp)), JwtRefusedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void aSourceWithoutKeysIsKeysUnavailable() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, true);
        KeySource down = kid -> {
            throw new KeysUnavailableException("the issuer's keys could not be fetched: connection refused");
        };

        assertThatThrownBy(() -> SignedJwts.verify(token, down, SignedJwts.CLIENT_ASSERTION_ALGORITHMS))
                .isInstanceOf(JwtRefusedException.class)
                .hasMessageContaining("connection refused")
                .extracting(thrown -> ((JwtRefusedException) thrown).reason())
                .isEqualTo(JwtRefusedException.Reason.KEYS_UNAVAILABLE);
    }

    /**
     * The checks run on the native provider where it loads (Linux x86-64, aarch64): it must refuse what the JDK
     * refuses, a flipped bit, the signature DER-encoded instead of the JWS form, all zeros, and an RSA signature
     * under another key.
     */
    @Test
    void alteredSignaturesAreRefusedOnTheProviderThatChecksThem() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, true);
        String[] parts = token.split("\\.");
        byte[] signature = Base64URL.from(parts[2]).decode();
        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        byte[] der = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(signature);
        KeySource keys = KeySource.fixed(publicOf(ec));

        assertThat(SignedJwts.verify(token, keys, SignedJwts.CLIENT_ASSERTION_ALGORITHMS).getJWTID()).isEqualTo("j1");
        for (byte[] altered : List.of(flipped, der, new byte[64])) {
            assertRefused(parts[0] + "." + parts[1] + "." + Base64URL.encode(altered), keys,
                    JwtRefusedException.Reason.BAD_SIGNATURE);
        }
        String rsaToken = sign(rsa, JWSAlgorithm.RS256, false);
        assertRefused(rsaToken, KeySource.fixed(publicOf(generateRsa("rsa-2"))), JwtRefusedException.Reason.BAD_SIGNATURE);
        assertThat(SignedJwts.verify(rsaToken, KeySource.fixed(publicOf(rsa)), SignedJwts.CLIENT_ASSERTION_ALGORITHMS)
                .getSubject()).isEqualTo("agent");
    }

    @Test
    void somethingThatIsNotAJwtIsMalformed() {
        assertRefused("not.a.jwt", KeySource.fixed(publicOf(ec)), JwtRefusedException.Reason.MALFORMED);
    }

    private static void assertRefused(String token, KeySource keys, JwtRefusedException.Reason reason) {
        assertThatThrownBy(() -> SignedJwts.verify(token, keys, SignedJwts.CLIENT_ASSERTION_ALGORITHMS))
                .isInstanceOf(JwtRefusedException.class)
                .extracting(thrown -> ((JwtRefusedException) thrown).reason())
                .isEqualTo(reason);
    }

    private static String sign(JWK key, JWSAlgorithm alg, boolean withKid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
        if (withKid) {
            header.keyID(key.getKeyID());
        }
        SignedJWT jwt = new SignedJWT(header.build(), CLAIMS);
        jwt.sign(key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key));
        return jwt.serialize();
    }

    private static List<JWK> publicOf(JWK... keys) {
        return Arrays.stream(keys).map(JWK::toPublicJWK).toList();
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

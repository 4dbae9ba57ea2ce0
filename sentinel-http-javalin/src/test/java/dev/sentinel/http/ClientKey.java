package dev.sentinel.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A client's key pair for {@code private_key_jwt}, made the way a client makes it: ES256 (P-256), EdDSA (Ed25519, from
 * the JDK), RS256 or PS256 (RSA 2048). The public JWK is what a pass registers; {@link #nimbus} is the Nimbus OAuth
 * SDK's {@link PrivateKeyJWT} signed with the private key (Nimbus signs EC and RSA itself; its {@code PrivateKeyJWT}
 * refuses EdDSA, so an Ed25519 assertion is signed with the JDK and applied by Nimbus's {@link JWTAuthentication}).
 */
final class ClientKey {

    final JWSAlgorithm alg;
    final String kid;
    private final JWK publicJwk;
    private final PrivateKey privateKey;

    private ClientKey(JWSAlgorithm alg, String kid, JWK publicJwk, PrivateKey privateKey) {
        this.alg = alg;
        this.kid = kid;
        this.publicJwk = publicJwk;
        this.privateKey = privateKey;
    }

    static ClientKey es256(String kid) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            return new ClientKey(JWSAlgorithm.ES256, kid, key.toPublicJWK(), key.toPrivateKey());
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    static ClientKey rsa(JWSAlgorithm alg, String kid, int bits) {
        try {
            RSAKey key = new RSAKeyGenerator(bits, bits < 2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            return new ClientKey(alg, kid, key.toPublicJWK(), key.toPrivateKey());
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    static ClientKey ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = ed25519X((EdECPublicKey) pair.getPublic());
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).build();
            return new ClientKey(JWSAlgorithm.EdDSA, kid, jwk, pair.getPrivate());
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** The RFC 8037 {@code x}: the little-endian y coordinate with the sign of x in the top bit of the last byte. */
    private static byte[] ed25519X(EdECPublicKey key) {
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] x = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            x[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            x[31] |= (byte) 0x80;
        }
        return x;
    }

    /** The public key as a JWK. */
    JWK publicJwk() {
        return publicJwk;
    }

    /** The public key as a JWK set, the object a create or PATCH body carries. */
    Map<String, Object> jwks() {
        return new JWKSet(publicJwk).toJSONObject(true);
    }

    /** The claims a well-behaved client sends at {@code now}: iss = sub = the client id, 60 s to live, a fresh jti. */
    static JWTClaimsSet.Builder claims(String clientId, String audience, Instant now) {
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** {@code claims} signed with this key, its kid in the header unless {@code withKid} is false. */
    String sign(JWTClaimsSet claims, boolean withKid) {
        return sign(claims, header -> withKid ? header.keyID(kid) : header);
    }

    String sign(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        JWSHeader built = header.apply(new JWSHeader.Builder(alg)).build();
        try {
            if (alg.equals(JWSAlgorithm.EdDSA)) {
                String input = built.toBase64URL() + "." + Base64URL.encode(claims.toString()
                        .getBytes(StandardCharsets.UTF_8));
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(privateKey);
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + Base64URL.encode(signer.sign());
            }
            SignedJWT jwt = new SignedJWT(built, claims);
            jwt.sign(alg.equals(JWSAlgorithm.ES256) ? new com.nimbusds.jose.crypto.ECDSASigner(
                    (java.security.interfaces.ECPrivateKey) privateKey)
                    : new com.nimbusds.jose.crypto.RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * The Nimbus OAuth SDK's client authentication for {@code claims} (iss, sub, aud, exp, iat, jti as given): made by
     * Nimbus from the private key for EC and RSA, with the kid unless {@code withKid} is false.
     */
    JWTAuthentication nimbus(JWTClaimsSet claims, boolean withKid) {
        try {
            if (alg.equals(JWSAlgorithm.EdDSA)) {
                return new JWTAuthentication(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                        SignedJWT.parse(sign(claims, withKid))) { };
            }
            JWTAuthenticationClaimsSet details = JWTAuthenticationClaimsSet.parse(claims);
            return new PrivateKeyJWT(details, alg, privateKey, withKid ? kid : null, null, null, null);
        } catch (JOSEException | ParseException | java.text.ParseException failure) {
            throw new IllegalStateException(failure);
        }
    }
}

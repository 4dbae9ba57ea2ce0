package dev.sentinel.cli.pass;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.fetch.PublicJwks;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A public key as the members of its JWK (RFC 7517), made with the JDK: EC P-256, Ed25519 (OKP) or RSA. The
 * {@code kid} is the RFC 7638 SHA-256 thumbprint, so an agent that signs with it names the key Sentinel shows.
 */
final class PublicJwk {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private PublicJwk() {
    }

    /**
     * The JWK of a public key with {@code kid} (its thumbprint), {@code use: sig} and, when given, {@code alg}.
     *
     * @throws IllegalArgumentException for a key type or curve Sentinel does not accept
     */
    static Map<String, Object> of(PublicKey key, String alg) {
        Map<String, Object> jwk = new LinkedHashMap<>(requiredMembers(key));
        jwk.put("kid", thumbprint(requiredMembers(key)));
        jwk.put("use", "sig");
        if (alg != null) {
            jwk.put("alg", alg);
        }
        return jwk;
    }

    /** The members RFC 7638 hashes, in lexicographic order. */
    static Map<String, String> requiredMembers(PublicKey key) {
        Map<String, String> members = new LinkedHashMap<>();
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("an EC key must be on the curve P-256 (ES256)");
            }
            members.put("crv", "P-256");
            members.put("kty", "EC");
            members.put("x", encode(unsigned(ec.getW().getAffineX(), 32)));
            members.put("y", encode(unsigned(ec.getW().getAffineY(), 32)));
        } else if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            byte[] encoded = key.getEncoded();
            members.put("crv", "Ed25519");
            members.put("kty", "OKP");
            members.put("x", encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits (this one has "
                        + rsa.getModulus().bitLength() + ")");
            }
            members.put("e", encode(unsigned(rsa.getPublicExponent(), 0)));
            members.put("kty", "RSA");
            members.put("n", encode(unsigned(rsa.getModulus(), 0)));
        } else {
            throw new IllegalArgumentException("the key must be EC P-256, Ed25519 or RSA (got " + key.getAlgorithm() + ")");
        }
        return members;
    }

    /** The RFC 7638 SHA-256 thumbprint of a public JWK (its members), as the server computes it. */
    static String thumbprint(Map<String, ?> jwk) {
        try {
            return PublicJwks.thumbprint(JWK.parse(new LinkedHashMap<String, Object>(jwk)));
        } catch (ParseException malformed) {
            throw new IllegalArgumentException("not a JWK: " + malformed.getMessage(), malformed);
        }
    }

    static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /** The big-endian magnitude, left-padded to {@code length} bytes (0: as short as it is). */
    static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length >= length) {
            return bytes;
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }
}

package dev.sentinel.core.jose;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JWS algorithms Sentinel signs with: ECDSA P-256 ({@code ES256}, the default of a new store), Ed25519
 * ({@code EdDSA}) and RSA 2048 ({@code RS256}); keys are made and read with the JDK's own providers. Each knows how to make a key pair, how to show
 * its public key as a JWK and how to read that JWK back.
 */
public enum KeyAlgorithm {
    EDDSA("EdDSA", "Ed25519") {
        private static final String X509_PREFIX = "302a300506032b6570032100";

        @Override
        KeyPair generate() throws GeneralSecurityException {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }

        @Override
        Map<String, String> thumbprintMembers(PublicKey key) {
            byte[] encoded = key.getEncoded();
            byte[] x = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return ordered("crv", "Ed25519", "kty", "OKP", "x", Base64Url.encode(x));
        }

        @Override
        PublicKey publicKey(Map<String, String> jwk) throws GeneralSecurityException {
            byte[] prefix = HexFormat.of().parseHex(X509_PREFIX);
            byte[] x = Base64Url.decode(jwk.get("x"));
            byte[] encoded = new byte[prefix.length + x.length];
            System.arraycopy(prefix, 0, encoded, 0, prefix.length);
            System.arraycopy(x, 0, encoded, prefix.length, x.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        }
    },
    ES256("ES256", "SHA256withECDSAinP1363Format") {
        @Override
        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }

        @Override
        Map<String, String> thumbprintMembers(PublicKey key) {
            ECPoint point = ((ECPublicKey) key).getW();
            return ordered("crv", "P-256", "kty", "EC",
                    "x", Base64Url.encode(Base64Url.unsigned(point.getAffineX(), 32)),
                    "y", Base64Url.encode(Base64Url.unsigned(point.getAffineY(), 32)));
        }

        @Override
        PublicKey publicKey(Map<String, String> jwk) throws GeneralSecurityException {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point = new ECPoint(new BigInteger(1, Base64Url.decode(jwk.get("x"))),
                    new BigInteger(1, Base64Url.decode(jwk.get("y"))));
            return KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        }
    },
    RS256("RS256", "SHA256withRSA") {
        @Override
        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Override
        Map<String, String> thumbprintMembers(PublicKey key) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            return ordered("e", Base64Url.encode(Base64Url.unsigned(rsa.getPublicExponent(), 0)), "kty", "RSA",
                    "n", Base64Url.encode(Base64Url.unsigned(rsa.getModulus(), 0)));
        }

        @Override
        PublicKey publicKey(Map<String, String> jwk) throws GeneralSecurityException {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64Url.decode(jwk.get("n"))), new BigInteger(1, Base64Url.decode(jwk.get("e")))));
        }
    };

    private final String joseName;
    private final String jdkSignature;

    KeyAlgorithm(String joseName, String jdkSignature) {
        this.joseName = joseName;
        this.jdkSignature = jdkSignature;
    }

    /** Parses a JOSE name: {@code EdDSA}, {@code ES256} or {@code RS256} (case-insensitive). */
    public static KeyAlgorithm parse(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.joseName.toUpperCase(Locale.ROOT).equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("signing algorithm must be one of EdDSA, ES256, RS256 (got '" + name + "')");
    }

    /** The JOSE {@code alg} value. */
    public String joseName() {
        return joseName;
    }

    /** The JDK {@link java.security.Signature} algorithm that produces JWS signatures directly. */
    String jdkSignature() {
        return jdkSignature;
    }

    /** The key factory algorithm for PKCS#8 private keys. */
    String keyFactory() {
        return switch (this) {
            case EDDSA -> "Ed25519";
            case ES256 -> "EC";
            case RS256 -> "RSA";
        };
    }

    abstract KeyPair generate() throws GeneralSecurityException;

    /** The required JWK members in lexicographic order (RFC 7638), i.e. the public key without {@code kid}. */
    abstract Map<String, String> thumbprintMembers(PublicKey key);

    /** Reads the public key back from the members of its JWK. */
    abstract PublicKey publicKey(Map<String, String> jwk) throws GeneralSecurityException;

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> members = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            members.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return members;
    }
}

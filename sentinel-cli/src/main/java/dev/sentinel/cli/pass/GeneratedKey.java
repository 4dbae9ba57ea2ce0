package dev.sentinel.cli.pass;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A key pair made on the operator's machine for {@code --generate-key}: the public JWK goes to the store, the private
 * key (PKCS#8 PEM and JWK) is printed once and kept nowhere. Made with the JDK's own providers.
 */
final class GeneratedKey {

    /** The algorithms {@code --key-alg} accepts; ES256 is the default. */
    enum Algorithm {
        ES256, EdDSA, RS256, PS256;

        static Algorithm parse(String name) {
            for (Algorithm algorithm : values()) {
                if (algorithm.name().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("--key-alg must be one of ES256, EdDSA, RS256, PS256 (got '" + name + "')");
        }
    }

    private final Algorithm algorithm;
    private final KeyPair pair;

    private GeneratedKey(Algorithm algorithm, KeyPair pair) {
        this.algorithm = algorithm;
        this.pair = pair;
    }

    /** A fresh key pair: P-256 for ES256, Ed25519 for EdDSA, RSA 2048 for RS256 and PS256. */
    static GeneratedKey generate(Algorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ES256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case EdDSA -> generator = KeyPairGenerator.getInstance("Ed25519");
                default -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
            }
            return new GeneratedKey(algorithm, generator.generateKeyPair());
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("this Java cannot make " + algorithm + " keys: " + unavailable.getMessage(),
                    unavailable);
        }
    }

    Algorithm algorithm() {
        return algorithm;
    }

    /** The public JWK, with {@code kid} (its thumbprint), {@code use} and {@code alg}: all the store gets. */
    Map<String, Object> publicJwk() {
        return PublicJwk.of(pair.getPublic(), algorithm.name());
    }

    /** The RFC 7638 thumbprint, also the {@code kid}. */
    String thumbprint() {
        return PublicJwk.thumbprint(PublicJwk.requiredMembers(pair.getPublic()));
    }

    /** The private key as a PKCS#8 PEM block ({@code -----BEGIN PRIVATE KEY-----}). */
    String privateKeyPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** The private key as a JWK: the public members plus the private ones ({@code d}, and for RSA the CRT values). */
    Map<String, Object> privateJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>(publicJwk());
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            jwk.put("d", PublicJwk.encode(PublicJwk.unsigned(ec.getS(), 32)));
        } else if (pair.getPrivate() instanceof EdECPrivateKey ed) {
            jwk.put("d", PublicJwk.encode(ed.getBytes().orElseThrow()));
        } else {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) pair.getPrivate();
            jwk.put("d", PublicJwk.encode(PublicJwk.unsigned(rsa.getPrivateExponent(), 0)));
            jwk.put("p", PublicJwk.encode(PublicJwk.unsigned(rsa.getPrimeP(), 0)));
            jwk.put("q", PublicJwk.encode(PublicJwk.unsigned(rsa.getPrimeQ(), 0)));
            jwk.put("dp", PublicJwk.encode(PublicJwk.unsigned(rsa.getPrimeExponentP(), 0)));
            jwk.put("dq", PublicJwk.encode(PublicJwk.unsigned(rsa.getPrimeExponentQ(), 0)));
            jwk.put("qi", PublicJwk.encode(PublicJwk.unsigned(rsa.getCrtCoefficient(), 0)));
        }
        return jwk;
    }

    @Override
    public String toString() {
        return "GeneratedKey[" + algorithm + ", kid=" + thumbprint() + ", private key redacted]";
    }
}

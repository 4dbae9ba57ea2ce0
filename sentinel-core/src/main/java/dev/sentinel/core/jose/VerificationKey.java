package dev.sentinel.core.jose;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/** A published public key: checks signatures made by its private key. Thread-safe. */
public final class VerificationKey {

    private final String kid;
    private final KeyAlgorithm algorithm;
    private final JwsCrypto.Verifier verifier;

    VerificationKey(String kid, KeyAlgorithm algorithm, PublicKey publicKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.verifier = JwsCrypto.verifier(algorithm, publicKey);
    }

    /**
     * The key a published JWK (RFC 7517) describes, for a verifier that knows the issuer only by its JWKS: {@code kty}
     * {@code OKP} with {@code crv} {@code Ed25519}, {@code EC} with {@code P-256}, or {@code RSA}; a non-empty
     * {@code kid}; {@code alg}, when present, must match the key type, and {@code use}, when present, be {@code sig}.
     *
     * @throws IllegalArgumentException when the JWK is not such a key, naming what is wrong
     */
    public static VerificationKey fromJwk(Map<String, ?> jwk) {
        String kid = member(jwk, "kid");
        KeyAlgorithm algorithm = switch (member(jwk, "kty")) {
            case "OKP" -> "Ed25519".equals(jwk.get("crv")) ? KeyAlgorithm.EDDSA : null;
            case "EC" -> "P-256".equals(jwk.get("crv")) ? KeyAlgorithm.ES256 : null;
            case "RSA" -> KeyAlgorithm.RS256;
            default -> null;
        };
        if (algorithm == null) {
            throw new IllegalArgumentException("JWK " + kid + " is not an Ed25519, P-256 or RSA key");
        }
        Object alg = jwk.get("alg");
        if (alg != null && !algorithm.joseName().equals(alg)) {
            throw new IllegalArgumentException("JWK " + kid + " names alg " + alg + " for a " + algorithm.joseName() + " key");
        }
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("JWK " + kid + " is not for signatures (use " + use + ")");
        }
        Map<String, String> members = new HashMap<>();
        jwk.forEach((name, value) -> {
            if (value instanceof String text) {
                members.put(name, text);
            }
        });
        try {
            return new VerificationKey(kid, algorithm, algorithm.publicKey(members));
        } catch (GeneralSecurityException | RuntimeException unreadable) {
            throw new IllegalArgumentException("JWK " + kid + " is not a valid " + algorithm.joseName() + " public key");
        }
    }

    private static String member(Map<String, ?> jwk, String name) {
        Object value = jwk.get(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException("a JWK needs the string member " + name);
        }
        return text;
    }

    public String kid() {
        return kid;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** Whether {@code signature} is this key's signature over the ASCII {@code signingInput}. */
    public boolean verifies(String signingInput, byte[] signature) {
        return verifier.verify(signingInput.getBytes(StandardCharsets.US_ASCII), signature);
    }
}

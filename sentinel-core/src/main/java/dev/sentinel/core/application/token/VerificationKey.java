package dev.sentinel.core.application.token;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

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

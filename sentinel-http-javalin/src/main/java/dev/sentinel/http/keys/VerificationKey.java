package dev.sentinel.http.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** A published public key: checks signatures made by its private key. Thread-safe. */
public record VerificationKey(String kid, KeyAlgorithm algorithm, PublicKey publicKey) {

    /** Whether {@code signature} is this key's signature over the ASCII {@code signingInput}. */
    public boolean verifies(String signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm.jdkSignature());
            verifier.initVerify(publicKey);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }
}

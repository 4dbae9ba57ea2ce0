package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token-signing key as stored and shared by every node: its {@code kid}, JOSE algorithm, public key as a JWK
 * (JSON text), private key encrypted at rest (opaque text), creation time and, once rotated out, retirement time.
 */
public record SigningKeyRecord(String kid, String algorithm, String publicJwk, String encryptedPrivateKey,
                               Instant createdAt, Optional<Instant> retiredAt) {

    public SigningKeyRecord {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(encryptedPrivateKey, "encryptedPrivateKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    public SigningKeyRecord retiredAt(Instant at) {
        return new SigningKeyRecord(kid, algorithm, publicJwk, encryptedPrivateKey, createdAt, Optional.of(at));
    }

    @Override
    public String toString() {
        return "SigningKeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt
                + ", retiredAt=" + retiredAt.map(Instant::toString).orElse("-") + "]";
    }
}

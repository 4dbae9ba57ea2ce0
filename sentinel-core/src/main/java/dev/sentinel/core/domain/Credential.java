package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored credential of an agent user: the hash of a secret (never the secret), when it was made, and, for a
 * secret replaced with a grace period, the instant it stops working.
 */
public record Credential(String hash, Instant createdAt, Optional<Instant> notAfter) {

    public Credential {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!hash.startsWith("$")) {
            throw new IllegalArgumentException("a credential holds a hash string that names its algorithm");
        }
    }

    public static Credential current(String hash, Instant createdAt) {
        return new Credential(hash, createdAt, Optional.empty());
    }

    /** The algorithm name of {@link #ofKeys}: no hasher has it, so no secret ever verifies such a credential. */
    public static final String KEYS_ALGORITHM = "keys";

    /**
     * The credential of a {@code private_key_jwt} pass: a random name instead of a secret's hash, which no secret
     * matches. Its tokens carry its {@link #id()} as a secret's tokens do.
     */
    public static Credential ofKeys(Instant createdAt) {
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        return current("$" + KEYS_ALGORITHM + "$" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(random), createdAt);
    }

    /**
     * A short, stable name for this credential, derived from its hash: tokens carry it, so the tokens of a secret
     * replaced with a grace period end exactly when that secret does. Reveals nothing about the secret.
     */
    public String id() {
        byte[] digest = SHA_256.get().digest(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    }

    /**
     * One digest per thread: every grant and every introspection names a credential, and looking the algorithm up each
     * time cost about as much as the digest itself.
     */
    private static final ThreadLocal<java.security.MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    });

    public boolean usableAt(Instant now) {
        return notAfter.map(now::isBefore).orElse(true);
    }

    public Credential expiringAt(Instant end) {
        Instant earliest = notAfter.filter(existing -> existing.isBefore(end)).orElse(end);
        return new Credential(hash, createdAt, Optional.of(earliest));
    }

    @Override
    public String toString() {
        return "Credential[createdAt=" + createdAt + ", notAfter=" + notAfter.map(Instant::toString).orElse("-") + "]";
    }
}

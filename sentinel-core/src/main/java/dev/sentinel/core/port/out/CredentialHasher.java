package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ClientSecret;

/**
 * Turns secrets into stored hash strings and checks presented secrets against them. Hash strings name their
 * algorithm in PHC form ({@code $sha256$…}, {@code $argon2id$v=19$…}); verification is constant-time.
 * Implementations are thread-safe.
 */
public interface CredentialHasher {

    /** The algorithm's name as it appears in the hash strings this hasher writes, e.g. {@code sha256}. */
    String algorithm();

    /** Hashes a secret; the result contains no secret material that could be reversed. */
    String hash(ClientSecret secret);

    /** Whether the secret matches the hash; false for a hash string of another algorithm or a malformed one. */
    boolean verify(ClientSecret secret, String encodedHash);

    /**
     * Hashes a person's password (its UTF-8 bytes). Only a slow, salted algorithm may: Argon2id does; the default
     * refuses with {@link UnsupportedOperationException}, as SHA-256 does (a password carries far fewer than 256 bits).
     */
    default String hashPassword(char[] password) {
        throw new UnsupportedOperationException(algorithm() + " does not hash passwords: use argon2id");
    }

    /** Whether the password matches a hash {@link #hashPassword} wrote; false for any other hash string. */
    default boolean verifyPassword(char[] password, String encodedHash) {
        return false;
    }
}

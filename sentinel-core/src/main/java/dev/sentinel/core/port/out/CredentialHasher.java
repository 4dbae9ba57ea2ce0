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
}

package dev.sentinel.core.adapter.crypto;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.port.out.CredentialHasher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 of the secret. Secrets carry 256 random bits, so no slow hash or salt adds safety; this keeps the token
 * endpoint fast. Hash strings read {@code $sha256$<base64 digest>}.
 */
final class Sha256CredentialHasher implements CredentialHasher {

    static final String PREFIX = "$sha256$";

    @Override
    public String algorithm() {
        return "sha256";
    }

    @Override
    public String hash(ClientSecret secret) {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest(secret.bytes()));
    }

    @Override
    public boolean verify(ClientSecret secret, String encodedHash) {
        if (encodedHash == null || !encodedHash.startsWith(PREFIX)) {
            return false;
        }
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(encodedHash.substring(PREFIX.length()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret.bytes()), stored);
    }

    private static byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}

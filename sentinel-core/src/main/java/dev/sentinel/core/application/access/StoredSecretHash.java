package dev.sentinel.core.application.access;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one form in which access keys, set-up links and session secrets are stored: {@code $sha256$} and the Base64 of
 * the SHA-256 of the text. Each has 256 random bits, so a plain hash is enough (no slow hash, unlike passwords).
 */
final class StoredSecretHash {

    private StoredSecretHash() {
    }

    static String of(String secret) {
        return "$sha256$" + Base64.getEncoder().encodeToString(
                Hashing.sha256().hashString(secret, StandardCharsets.US_ASCII).asBytes());
    }
}

package dev.sentinel.core.application;

import com.google.common.hash.Hashing;
import dev.sentinel.core.port.out.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin bearer token of the management API. A configured token is held only as its SHA-256 digest; without
 * one, the token stored (hashed) in the shared settings is used, and on the very first start one is generated,
 * stored hashed and handed out once. Generated tokens start with {@value #PREFIX}; no admin token contains a
 * {@code .}, so an access token (a JWT) can never match. Comparison is constant-time. Thread-safe.
 */
public final class AdminTokens {

    public static final String PREFIX = "sat_";
    /** The shortest configured token accepted: 32 characters (generated ones carry 256 random bits). */
    public static final int MIN_LENGTH = 32;
    /** The settings entry holding the generated token's hash. */
    public static final String SETTING = "admin_token_hash";
    private static final String HASH_PREFIX = "$sha256$";

    private final byte[] digest;
    private final String generated;

    private AdminTokens(byte[] digest, String generated) {
        this.digest = digest;
        this.generated = generated;
    }

    /**
     * Uses the configured token; the stored one, if any, is ignored while a token is configured. {@code name} says
     * which token it is ("admin token", "ingest token") in the error a malformed one gets.
     */
    public static AdminTokens configured(String token, String name) {
        if (token == null || token.length() < MIN_LENGTH || token.indexOf('.') >= 0) {
            throw new IllegalArgumentException("the " + name + " must have at least " + MIN_LENGTH + " characters and no "
                    + "'.' (so that it cannot be guessed and no JWT access token can ever match it); make one with: "
                    + "openssl rand -hex 32");
        }
        return new AdminTokens(sha256(token), null);
    }

    /** Loads the stored token's hash, or generates, stores and returns a new token when none is stored. */
    public static AdminTokens stored(Storage storage, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String candidate = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String candidateHash = HASH_PREFIX + Base64.getEncoder().encodeToString(sha256(candidate));
        return storage.inTransaction(session -> {
            boolean created = session.settings().putIfAbsent(SETTING, candidateHash);
            String hash = created ? candidateHash : session.settings().get(SETTING).orElseThrow();
            if (!hash.startsWith(HASH_PREFIX)) {
                throw new IllegalStateException("the stored admin token hash is in an unknown form");
            }
            return new AdminTokens(Base64.getDecoder().decode(hash.substring(HASH_PREFIX.length())),
                    created ? candidate : null);
        });
    }

    /** Whether the presented bearer token is the admin token. */
    public boolean matches(String presented) {
        return presented != null && presented.indexOf('.') < 0 && MessageDigest.isEqual(sha256(presented), digest);
    }

    /** The token generated on this start, to print once; empty when it was configured or already stored. */
    public Optional<String> generated() {
        return Optional.ofNullable(generated);
    }

    private static byte[] sha256(String text) {
        return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes();
    }

    @Override
    public String toString() {
        return "AdminTokens[redacted]";
    }
}

package dev.sentinel.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A client secret: {@code sps_} in the {@link PrefixedSecret} form (256 random bits and a CRC32 checksum). The prefix
 * makes a leaked secret easy to spot; the checksum rejects a mistyped one without a store lookup.
 *
 * <p>The value never shows through {@link #toString()}, {@link #equals(Object)} (constant-time) or any exception
 * message; only {@link #reveal()} returns it. Instances are immutable and thread-safe.
 */
public final class ClientSecret {

    public static final String PREFIX = "sps_";
    public static final int LENGTH = PrefixedSecret.length(PREFIX);

    private final String value;

    private ClientSecret(String value) {
        this.value = value;
    }

    /** Builds a secret from 32 random bytes. */
    static ClientSecret fromRandom(byte[] randomBytes) {
        return new ClientSecret(PrefixedSecret.fromRandom(PREFIX, randomBytes));
    }

    /**
     * Parses presented text. Empty when it lacks the prefix, has the wrong length or characters, or fails the
     * checksum. The text itself never appears in any message.
     */
    public static Optional<ClientSecret> parse(CharSequence presented) {
        return PrefixedSecret.isWellFormed(PREFIX, presented) ? Optional.of(new ClientSecret(presented.toString()))
                : Optional.empty();
    }

    /** The secret's text, to show once to its owner or to hash. Never log it. */
    public String reveal() {
        return value;
    }

    /** The secret's bytes (US-ASCII), for hashing. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientSecret that && MessageDigest.isEqual(bytes(), that.bytes());
    }

    @Override
    public int hashCode() {
        return 0x5EC2E7;
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}

package dev.sentinel.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A client secret: {@code sps_}, 43 base62 characters carrying 256 random bits, then a 6-character base62 CRC32
 * checksum of everything before it (the scheme GitHub tokens use). The prefix makes a leaked secret easy to spot;
 * the checksum rejects a mistyped one without a store lookup.
 *
 * <p>The value never shows through {@link #toString()}, {@link #equals(Object)} (constant-time) or any exception
 * message; only {@link #reveal()} returns it. Instances are immutable and thread-safe.
 */
public final class ClientSecret {

    public static final String PREFIX = "sps_";
    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + BODY_LENGTH + CHECKSUM_LENGTH;

    private final String value;

    private ClientSecret(String value) {
        this.value = value;
    }

    /** Builds a secret from 32 random bytes. */
    static ClientSecret fromRandom(byte[] randomBytes) {
        if (randomBytes.length != 32) {
            throw new IllegalArgumentException("a secret needs 32 random bytes");
        }
        String unchecked = PREFIX + Base62.encode(randomBytes, BODY_LENGTH);
        return new ClientSecret(unchecked + checksum(unchecked));
    }

    /**
     * Parses presented text. Empty when it lacks the prefix, has the wrong length or characters, or fails the
     * checksum. The text itself never appears in any message.
     */
    public static Optional<ClientSecret> parse(CharSequence presented) {
        if (presented == null || presented.length() != LENGTH) {
            return Optional.empty();
        }
        String text = presented.toString();
        if (!text.startsWith(PREFIX) || !Base62.isBase62(text, PREFIX.length(), LENGTH)) {
            return Optional.empty();
        }
        int split = LENGTH - CHECKSUM_LENGTH;
        String expected = checksum(text.substring(0, split));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                text.substring(split).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new ClientSecret(text));
    }

    private static String checksum(String unchecked) {
        CRC32 crc = new CRC32();
        crc.update(unchecked.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
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

package dev.sentinel.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The one text form of Sentinel's random secrets (client secrets, access keys): a fixed prefix, 43 base62 characters
 * carrying 256 random bits, then a 6-character base62 CRC32 checksum of everything before it (the scheme GitHub tokens
 * use). The prefix makes a leaked secret easy to spot; the checksum rejects a mistyped one without a store lookup.
 * Stateless and thread-safe.
 */
public final class PrefixedSecret {

    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    /** How many random bytes a secret carries. */
    public static final int RANDOM_BYTES = 32;

    private PrefixedSecret() {
    }

    /** The length of a secret with {@code prefix}. */
    public static int length(String prefix) {
        return prefix.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    }

    /** The secret text for 32 random bytes under {@code prefix}. */
    public static String fromRandom(String prefix, byte[] randomBytes) {
        Objects.requireNonNull(prefix, "prefix");
        if (randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a secret needs " + RANDOM_BYTES + " random bytes");
        }
        String unchecked = prefix + Base62.encode(randomBytes, BODY_LENGTH);
        return unchecked + checksum(unchecked);
    }

    /**
     * Whether {@code presented} has the prefix, the length, base62 characters and a matching checksum. The text never
     * appears in any message.
     */
    public static boolean isWellFormed(String prefix, CharSequence presented) {
        int length = length(prefix);
        if (presented == null || presented.length() != length) {
            return false;
        }
        String text = presented.toString();
        if (!text.startsWith(prefix) || !Base62.isBase62(text, prefix.length(), length)) {
            return false;
        }
        int split = length - CHECKSUM_LENGTH;
        String expected = checksum(text.substring(0, split));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                text.substring(split).getBytes(StandardCharsets.US_ASCII));
    }

    private static String checksum(String unchecked) {
        CRC32 crc = new CRC32();
        crc.update(unchecked.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}

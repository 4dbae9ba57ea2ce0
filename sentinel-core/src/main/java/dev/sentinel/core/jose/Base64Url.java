package dev.sentinel.core.jose;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64url without padding, as JOSE uses it (RFC 7515 §2). Decoding is strict: padding, characters outside the
 * alphabet and non-zero unused bits are refused, so every byte string has exactly one accepted text and a token
 * cannot be altered without changing its meaning. Thread-safe.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes canonical base64url; throws {@link IllegalArgumentException} on anything else. */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url in JOSE carries no padding");
        }
        byte[] bytes = DECODER.decode(text);
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical base64url (unused bits are set)");
        }
        return bytes;
    }

    /** The unsigned big-endian bytes of a positive integer, left-padded or trimmed to {@code length} when positive. */
    static byte[] unsigned(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            raw = Arrays.copyOfRange(raw, 1, raw.length);
        }
        if (length <= 0 || raw.length == length) {
            return raw;
        }
        byte[] padded = new byte[length];
        System.arraycopy(raw, 0, padded, length - raw.length, raw.length);
        return padded;
    }
}

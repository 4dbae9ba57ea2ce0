package dev.sentinel.http.keys;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/** Base64url without padding, as JOSE uses it. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes; throws {@link IllegalArgumentException} on malformed input. */
    public static byte[] decode(String text) {
        return DECODER.decode(text);
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

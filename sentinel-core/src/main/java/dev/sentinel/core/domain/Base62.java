package dev.sentinel.core.domain;

import java.math.BigInteger;

/** Fixed-width base62 encoding (0-9, A-Z, a-z) for identifiers, secrets and their checksums. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    /** Encodes an unsigned number as exactly {@code width} digits; the number must fit. */
    static String encode(BigInteger value, int width) {
        char[] digits = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] divided = rest.divideAndRemainder(BASE);
            digits[i] = ALPHABET.charAt(divided[1].intValue());
            rest = divided[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(digits);
    }

    static String encode(byte[] unsigned, int width) {
        return encode(new BigInteger(1, unsigned), width);
    }

    static String encode(long unsigned, int width) {
        return encode(BigInteger.valueOf(unsigned), width);
    }

    static boolean isBase62(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

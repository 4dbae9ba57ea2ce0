package dev.sentinel.core.application.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SHA-1 test vectors of RFC 6238 appendix B (their eight digits, of which a code shows the last six). */
class TotpCodesTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfcVectors(long unixSeconds, String eightDigits) {
        long step = TotpCodes.step(Instant.ofEpochSecond(unixSeconds));

        assertThat(TotpCodes.code(SECRET, step)).isEqualTo(eightDigits.substring(2));
    }

    @ParameterizedTest
    @CsvSource({"foobar, MZXW6YTBOI", "f, MY", "fo, MZXQ"})
    void encodesBase32AsRfc4648WithoutPadding(String text, String encoded) {
        assertThat(TotpCodes.base32(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    }
}

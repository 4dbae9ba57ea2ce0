package dev.sentinel.core.application.access;

import com.google.common.hash.Hashing;
import dev.sentinel.core.domain.CredentialGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ten one-time recovery codes, each 16 base32 characters (80 random bits) shown as {@code XXXX-XXXX-XXXX-XXXX}; stored
 * as SHA-256 hashes (80 bits are beyond an offline search, so a fast hash suffices and lets a code be found by its
 * hash). Shown once; {@link #toString()} shows none.
 */
public record RecoveryCodes(List<String> codes) {

    public static final int COUNT = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public RecoveryCodes {
        codes = List.copyOf(codes);
    }

    static RecoveryCodes generate(CredentialGenerator generator) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] random = generator.randomBytes(16);
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random[c] & 31));
            }
            codes.add(code.toString());
        }
        return new RecoveryCodes(codes);
    }

    List<String> hashes() {
        return codes.stream().map(RecoveryCodes::hash).toList();
    }

    /** The stored form of a presented code: dashes and spaces dropped, upper case, then SHA-256. */
    static String hash(String presented) {
        String normalised = Objects.requireNonNull(presented, "code").replace("-", "").replace(" ", "")
                .toUpperCase(Locale.ROOT);
        return "$sha256$" + Base64.getEncoder().encodeToString(
                Hashing.sha256().hashString(normalised, StandardCharsets.UTF_8).asBytes());
    }

    @Override
    public String toString() {
        return "RecoveryCodes[" + codes.size() + " redacted]";
    }
}

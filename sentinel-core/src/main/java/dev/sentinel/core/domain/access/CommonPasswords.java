package dev.sentinel.core.domain.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The list of common passwords that zxcvbn ships ({@code com.nulab-inc:zxcvbn}, MIT licence: its 30,000 most common
 * passwords), which the build copies into core's resources; read once, on first use. Thread-safe.
 */
final class CommonPasswords {

    static final String RESOURCE = "common-passwords.txt";

    private CommonPasswords() {
    }

    /** Whether {@code password}, lower-cased, is on the list. */
    static boolean contains(String password) {
        return Holder.LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds (for tests: an empty list would pass every password). */
    static int size() {
        return Holder.LIST.size();
    }

    private static final class Holder {
        static final Set<String> LIST = load();

        private static Set<String> load() {
            try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the list of common passwords (" + RESOURCE + ") is missing from "
                            + "sentinel-core");
                }
                Set<String> passwords = new HashSet<>();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (!line.isBlank()) {
                            passwords.add(line.strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                return Set.copyOf(passwords);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }
}

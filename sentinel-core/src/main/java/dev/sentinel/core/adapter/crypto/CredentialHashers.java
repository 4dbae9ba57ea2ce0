package dev.sentinel.core.adapter.crypto;

import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.port.out.CredentialHasher;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/** Factories for the built-in {@link CredentialHasher}s. */
public final class CredentialHashers {

    /** OWASP's recommended Argon2id settings: 19 MiB, 2 passes, 1 lane. */
    public static final int ARGON2_MEMORY_KIB = 19 * 1024;
    public static final int ARGON2_ITERATIONS = 2;
    public static final int ARGON2_PARALLELISM = 1;

    private CredentialHashers() {
    }

    /** SHA-256, the default. */
    public static CredentialHasher sha256() {
        return new Sha256CredentialHasher();
    }

    /**
     * Argon2id with OWASP's recommended settings, at most as many hashes at once as there are processors (further
     * callers wait in arrival order), so a flood of attempts cannot take every core and the heap.
     */
    public static CredentialHasher argon2id() {
        return bounded(new Argon2idCredentialHasher(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
                new SecureRandom()), Runtime.getRuntime().availableProcessors());
    }

    /** {@code hasher} run at most {@code permits} calls at once; further callers wait in arrival order. */
    public static CredentialHasher bounded(CredentialHasher hasher, int permits) {
        return new BoundedCredentialHasher(hasher, permits);
    }

    /**
     * A hasher that writes with {@code algorithm} ({@code sha256} or {@code argon2id}) and still verifies hashes
     * written by the other, so switching the setting never locks out existing passes.
     */
    public static CredentialHasher named(String algorithm) {
        CredentialHasher sha256 = sha256();
        CredentialHasher argon2id = argon2id();
        String wanted = algorithm == null ? "" : algorithm.strip().toLowerCase(Locale.ROOT);
        CredentialHasher primary = switch (wanted) {
            case "sha256" -> sha256;
            case "argon2id" -> argon2id;
            default -> throw ValidationException.of("hasher", "must be one of sha256, argon2id (got '" + algorithm + "')");
        };
        return new DelegatingCredentialHasher(primary, List.of(sha256, argon2id));
    }
}

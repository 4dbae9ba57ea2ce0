package dev.sentinel.core.domain;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.PassId;
import java.security.SecureRandom;
import java.util.Objects;

/** Makes client ids, secrets and pass ids from a {@link SecureRandom}. Thread-safe. */
public final class CredentialGenerator {

    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private final SecureRandom random;

    public CredentialGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public static CredentialGenerator create() {
        return new CredentialGenerator(new SecureRandom());
    }

    public ClientSecret newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ClientSecret.fromRandom(bytes);
    }

    public ClientId newClientId() {
        StringBuilder id = new StringBuilder(ClientId.PREFIX);
        for (int i = 0; i < 24; i++) {
            id.append(Base62.ALPHABET.charAt(random.nextInt(62)));
        }
        return new ClientId(id.toString());
    }

    public PassId newPassId(int year) {
        StringBuilder id = new StringBuilder("SP-").append(String.format("%04d", year)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(UPPER_ALNUM.charAt(random.nextInt(UPPER_ALNUM.length())));
        }
        return new PassId(id.toString());
    }

    /** {@code prefix} followed by {@code length} random base62 characters: an opaque identifier. */
    public String randomId(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(Base62.ALPHABET.charAt(random.nextInt(62)));
        }
        return id.toString();
    }

    /** A new secret in the {@link PrefixedSecret} form under {@code prefix}. */
    public String newPrefixedSecret(String prefix) {
        return PrefixedSecret.fromRandom(prefix, randomBytes(PrefixedSecret.RANDOM_BYTES));
    }

    /** Random bytes for salts and keys. */
    public byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}

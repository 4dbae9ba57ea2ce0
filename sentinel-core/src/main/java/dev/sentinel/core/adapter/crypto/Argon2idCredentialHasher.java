package dev.sentinel.core.adapter.crypto;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.port.out.CredentialHasher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (BouncyCastle) in PHC form: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}.
 * Verification reads the parameters from the hash string, so older hashes keep working after a parameter change.
 */
final class Argon2idCredentialHasher implements CredentialHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;

    Argon2idCredentialHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
    }

    @Override
    public String algorithm() {
        return "argon2id";
    }

    @Override
    public String hash(ClientSecret secret) {
        return hashBytes(secret.bytes());
    }

    @Override
    public boolean verify(ClientSecret secret, String encodedHash) {
        return verifyBytes(secret.bytes(), encodedHash);
    }

    @Override
    public String hashPassword(char[] password) {
        byte[] utf8 = utf8(password);
        try {
            return hashBytes(utf8);
        } finally {
            java.util.Arrays.fill(utf8, (byte) 0);
        }
    }

    @Override
    public boolean verifyPassword(char[] password, String encodedHash) {
        byte[] utf8 = utf8(password);
        try {
            return verifyBytes(utf8, encodedHash);
        } finally {
            java.util.Arrays.fill(utf8, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        java.nio.ByteBuffer encoded = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            java.util.Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private String hashBytes(byte[] secret) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, memoryKib, iterations, parallelism);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    private boolean verifyBytes(byte[] secret, String encodedHash) {
        if (encodedHash == null) {
            return false;
        }
        Matcher phc = PHC.matcher(encodedHash);
        if (!phc.matches()) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(phc.group(4));
            byte[] stored = Base64.getDecoder().decode(phc.group(5));
            byte[] actual = derive(secret, salt, Integer.parseInt(phc.group(1)),
                    Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)));
            return MessageDigest.isEqual(actual, stored);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password, out);
        return out;
    }
}

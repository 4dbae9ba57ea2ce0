package dev.sentinel.cli.serve;

import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.persistence.jdbi.h2.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The 32-byte key that encrypts token-signing keys at rest, from the first of: a key file named by option or
 * {@value #FILE_ENV}; the base64 value of {@value #ENV}; the file {@value #FILE_NAME} in the data directory, which
 * the first start creates {@code 0600}. Nodes sharing one PostgreSQL database must share the key, since each node's
 * data-directory file would differ; a key kept outside the data directory also stays out of its backups.
 */
public final class KeyEncryptionKey {

    public static final String ENV = "SENTINEL_KEY_ENCRYPTION_KEY";
    public static final String FILE_ENV = "SENTINEL_KEY_ENCRYPTION_KEY_FILE";
    public static final String FILE_NAME = "key-encryption.key";
    static final int BYTES = 32;
    private static final String HOW_TO_MAKE = "(umask 077; openssl rand -base64 32 > FILE)";

    private KeyEncryptionKey() {
    }

    /**
     * The key, by the precedence above. {@code keyFile} is the option's (or {@value #FILE_ENV}'s) file, when given; the
     * data-directory file is created when missing only if {@code createInDataDir}. The caller zeroes the array.
     */
    public static byte[] resolve(Optional<Path> keyFile, Map<String, String> environment, Path dataDir,
                                 boolean createInDataDir) {
        if (keyFile.isPresent()) {
            return fromOperatorFile(keyFile.get());
        }
        String configured = environment.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return decode(configured, ENV);
        }
        return fromDataDir(dataDir, createInDataDir);
    }

    /** A file the operator keeps: it must exist, and should be readable by its owner only. */
    private static byte[] fromOperatorFile(Path file) {
        try {
            byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            SecretFiles.warnIfOthersCanRead(file, "key-encryption key file");
            return key;
        } catch (NoSuchFileException missing) {
            throw new SentinelException("the key-encryption key file " + file + " does not exist; make one with "
                    + HOW_TO_MAKE.replace("FILE", file.toString()));
        } catch (IOException unreadable) {
            throw new SentinelException("cannot read the key-encryption key file " + file + ": " + unreadable);
        }
    }

    private static byte[] fromDataDir(Path dataDir, boolean create) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (create && Files.notExists(file)) {
                DataDirectory.prepare(dataDir);
                byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    DataDirectory.createSecretFile(file, Base64.getEncoder().encodeToString(key) + "\n");
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (NoSuchFileException missing) {
            throw new SentinelException("no key-encryption key: " + file + " does not exist, and neither "
                    + ENV + " nor a key file (--key-encryption-key-file, " + FILE_ENV + ") is set; use the one the "
                    + "servers of this store use");
        } catch (IOException unreadable) {
            throw new SentinelException("cannot read or create the key-encryption key " + file + ": " + unreadable.getMessage());
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new SentinelException("the key-encryption key in " + source + " is not base64");
        }
        if (key.length != BYTES) {
            throw new SentinelException("the key-encryption key in " + source + " must be " + BYTES
                    + " bytes, base64-encoded (got " + key.length + " bytes); make one with: openssl rand -base64 32");
        }
        return key;
    }
}

package dev.sentinel.cli.serve;

import dev.sentinel.core.domain.SentinelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The 32-byte key that encrypts token-signing keys at rest. Taken from {@value #ENV} (base64) when set; otherwise
 * from {@value #FILE_NAME} in the data directory, which the first start creates with owner-only permissions.
 * Nodes sharing one PostgreSQL database must share the environment variable, since each node's file would differ.
 */
public final class KeyEncryptionKey {

    public static final String ENV = "SENTINEL_KEY_ENCRYPTION_KEY";
    public static final String FILE_NAME = "key-encryption.key";
    static final int BYTES = 32;

    private KeyEncryptionKey() {
    }

    /** The key from the environment, or from (or newly into) {@code dataDir}. The caller zeroes the array. */
    public static byte[] resolve(Map<String, String> environment, Path dataDir) {
        String configured = environment.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return decode(configured, ENV);
        }
        return fromFile(dataDir.resolve(FILE_NAME));
    }

    static byte[] fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return decode(readWhenWritten(file), file.toString());
        } catch (IOException unreadable) {
            throw new SentinelException("cannot read or create the key-encryption key " + file + ": " + unreadable.getMessage());
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // another node or command created it first: use theirs
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Reads the file, waiting briefly if another process created it but has not written it yet. */
    private static String readWhenWritten(Path file) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            if (!text.isBlank()) {
                return text;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the file is empty");
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

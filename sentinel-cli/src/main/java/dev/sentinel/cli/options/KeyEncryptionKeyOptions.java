package dev.sentinel.cli.options;

import dev.sentinel.cli.serve.KeyEncryptionKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the key-encryption key comes from, shared by {@code serve} and {@code keys rotate}. */
public final class KeyEncryptionKeyOptions {

    @Option(names = "--key-encryption-key-file", paramLabel = "FILE",
            defaultValue = "${env:" + KeyEncryptionKey.FILE_ENV + "}",
            description = "File holding the key-encryption key (base64 of 32 bytes), e.g. outside the data directory "
                    + "so that backups never carry it. Env: " + KeyEncryptionKey.FILE_ENV + ". Precedence: this file, "
                    + "then env " + KeyEncryptionKey.ENV + ", then " + KeyEncryptionKey.FILE_NAME + " in --data-dir.")
    Path file;

    /** The key (see {@link KeyEncryptionKey}); the caller zeroes it. */
    public byte[] resolve(Path dataDir, boolean createInDataDir) {
        return KeyEncryptionKey.resolve(Optional.ofNullable(file), System.getenv(), dataDir, createInDataDir);
    }
}

package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.SentinelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void createsAnOwnerOnlyKeyFileInAnOwnerOnlyDirectoryOnFirstUseAndReusesIt() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        byte[] first = KeyEncryptionKey.resolve(Optional.empty(), Map.of(), fresh, true);
        byte[] second = KeyEncryptionKey.resolve(Optional.empty(), Map.of(), fresh, true);

        Path file = fresh.resolve(KeyEncryptionKey.FILE_NAME);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }

    @Test
    void aCommandThatMayNotCreateTheKeySaysWhereItLookedAndCreatesNothing() {
        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Optional.empty(), Map.of(), dataDir, false))
                .isInstanceOf(SentinelException.class)
                .hasMessageContaining(dataDir.resolve(KeyEncryptionKey.FILE_NAME).toString())
                .hasMessageContaining(KeyEncryptionKey.ENV).hasMessageContaining("--key-encryption-key-file");
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void environmentVariableWinsOverTheDataDirectoryFile() {
        byte[] configured = key(7);

        byte[] key = KeyEncryptionKey.resolve(Optional.empty(), Map.of(KeyEncryptionKey.ENV, encode(configured)), dataDir, true);

        assertThat(key).isEqualTo(configured);
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void aKeyFileWinsOverTheEnvironmentVariable() throws Exception {
        Path outside = Files.createTempDirectory("kek").resolve("sentinel.kek");
        Files.writeString(outside, encode(key(9)) + "\n");

        byte[] key = KeyEncryptionKey.resolve(Optional.of(outside), Map.of(KeyEncryptionKey.ENV, encode(key(7))), dataDir, true);

        assertThat(key).isEqualTo(key(9));
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void aMissingKeyFileIsAnErrorThatSaysHowToMakeOne() {
        Path missing = dataDir.resolve("nowhere.kek");

        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Optional.of(missing), Map.of(), dataDir, true))
                .hasMessageContaining(missing + " does not exist").hasMessageContaining("openssl rand -base64 32");
        assertThat(missing).doesNotExist();
    }

    @Test
    void rejectsAKeyOfTheWrongSizeWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Optional.empty(), Map.of(KeyEncryptionKey.ENV, shortKey), dataDir, true))
                .isInstanceOf(SentinelException.class)
                .hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Optional.empty(), Map.of(KeyEncryptionKey.ENV, "not base64!"), dataDir, true))
                .hasMessageContaining("is not base64");
    }

    private static byte[] key(int first) {
        byte[] key = new byte[32];
        key[0] = (byte) first;
        return key;
    }

    private static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}

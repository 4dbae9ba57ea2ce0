package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.SentinelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void createsAnOwnerOnlyKeyFileOnFirstUseAndReusesIt() throws Exception {
        byte[] first = KeyEncryptionKey.resolve(Map.of(), dataDir.resolve("fresh"));
        byte[] second = KeyEncryptionKey.resolve(Map.of(), dataDir.resolve("fresh"));

        Path file = dataDir.resolve("fresh").resolve(KeyEncryptionKey.FILE_NAME);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void environmentVariableWinsOverTheFile() {
        byte[] configured = new byte[32];
        configured[0] = 7;
        String encoded = Base64.getEncoder().encodeToString(configured);

        byte[] key = KeyEncryptionKey.resolve(Map.of(KeyEncryptionKey.ENV, encoded), dataDir);

        assertThat(key).isEqualTo(configured);
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void rejectsAKeyOfTheWrongSizeWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Map.of(KeyEncryptionKey.ENV, shortKey), dataDir))
                .isInstanceOf(SentinelException.class)
                .hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyEncryptionKey.resolve(Map.of(KeyEncryptionKey.ENV, "not base64!"), dataDir))
                .hasMessageContaining("is not base64");
    }
}

package dev.sentinel.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysRotateCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void rotateCreatesANewKeyEachTimeUnderTheDataDirsKeyEncryptionKey() {
        Cli cli = new Cli(dataDir);

        Result first = cli.run("keys", "rotate");
        Result second = cli.run("keys", "rotate", "--signing-algorithm", "ES256");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).startsWith("New signing key ").contains("(EdDSA)");
        assertThat(second.out()).contains("(ES256)").isNotEqualTo(first.out());
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).exists();
    }

    @Test
    void unknownAlgorithmIsAFailureListingTheAllowedOnes() {
        Result result = new Cli(dataDir).run("keys", "rotate", "--signing-algorithm", "HS256");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: signing algorithm must be one of EdDSA, ES256, RS256 (got 'HS256')\n");
    }

    @Test
    void badTokenLifetimeIsAUsageError() {
        assertThat(new Cli(dataDir).run("keys", "rotate", "--token-lifetime", "long").exitCode()).isEqualTo(2);
    }
}

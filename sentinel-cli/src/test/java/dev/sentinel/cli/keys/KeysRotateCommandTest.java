package dev.sentinel.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysRotateCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    @Test
    void rotateCreatesANewKeyEachTimeUnderTheDataDirsKeyEncryptionKey() throws Exception {
        Cli cli = new Cli(dataDir);
        cli.createPass();
        Files.writeString(dataDir.resolve(KeyEncryptionKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));

        Result first = cli.run("keys", "rotate");
        Result second = cli.run("keys", "rotate", "--signing-algorithm", "ES256");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).as("a store without keys starts with ES256").startsWith("New signing key ")
                .contains("(ES256)");
        assertThat(second.out()).contains("(ES256)").isNotEqualTo(first.out());
    }

    @Test
    void aRotationIsAuditedAsTheCliUserWithTheNewAndTheRetiredKidAndTheChainVerifies() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(KeyEncryptionKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));
        Cli cli = new Cli(dataDir);
        cli.createPass();
        String first = cli.run("keys", "rotate").out().split(" ")[3];
        String second = cli.run("keys", "rotate").out().split(" ")[3];

        Result audit = cli.run("audit", "list", "--action", "signing_key.rotate", "--json");

        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(audit.json().get("total").asLong()).as("the first key of a store is no rotation").isEqualTo(1);
        assertThat(audit.json().get("data").get(0).get("actor").asText())
                .isEqualTo("cli:" + System.getProperty("user.name"));
        assertThat(audit.json().get("data").get(0).get("detail").asText()).contains("kid=" + second, "retired=" + first);
        assertThat(cli.run("audit", "verify").exitCode()).isZero();
    }

    @Test
    void withoutAnAlgorithmRotateFollowsTheStoresCurrentKey() throws Exception {
        Cli cli = new Cli(dataDir);
        cli.createPass();
        Files.writeString(dataDir.resolve(KeyEncryptionKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));

        Result eddsa = cli.run("keys", "rotate", "--signing-algorithm", "EdDSA"); // a store of the EdDSA-default era
        Result followed = cli.run("keys", "rotate");
        Result switched = cli.run("keys", "rotate", "--signing-algorithm", "rs256");
        Result followedAgain = cli.run("keys", "rotate");

        assertThat(eddsa.out()).as(eddsa.err()).contains("(EdDSA)");
        assertThat(followed.out()).as(followed.err()).contains("(EdDSA)");
        assertThat(switched.out()).contains("(RS256)");
        assertThat(followedAgain.out()).contains("(RS256)");
    }

    @Test
    void aKeyFileOutsideTheDataDirectoryIsUsedWhenNamed() throws Exception {
        Cli cli = new Cli(dataDir);
        cli.createPass();
        Path keyFile = Files.writeString(elsewhere.resolve("sentinel.kek"), Base64.getEncoder().encodeToString(new byte[32]));

        Result rotated = cli.run("keys", "rotate", "--key-encryption-key-file", keyFile.toString());

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void withoutAnyKeyEncryptionKeyRotateSaysWhereItLookedAndMakesNoKey() {
        Cli cli = new Cli(dataDir);
        cli.createPass();

        Result refused = cli.run("keys", "rotate");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: no key-encryption key: " + dataDir.resolve(KeyEncryptionKey.FILE_NAME)
                + " does not exist");
        assertThat(dataDir.resolve(KeyEncryptionKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void aDataDirectoryWithoutAStoreIsRefusedAndLeftAsItWas() {
        Path typo = dataDir.resolve("sentinel-dta");

        Result refused = new Cli(typo).run("keys", "rotate");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: no Sentinel store in " + typo + " (it holds no sentinel.mv.db); "
                + "'sentinel serve' or 'sentinel pass create' makes one\n");
        assertThat(typo).doesNotExist();
    }

    @Test
    void unknownAlgorithmIsAFailureListingTheAllowedOnes() throws Exception {
        Cli cli = new Cli(dataDir);
        cli.createPass();
        Files.writeString(dataDir.resolve(KeyEncryptionKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));

        Result result = cli.run("keys", "rotate", "--signing-algorithm", "HS256");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: signing_algorithm (--signing-algorithm): must be one of EdDSA, ES256, "
                + "RS256 (got 'HS256')\n");
        assertThat(new Cli(dataDir).run("keys", "rotate").out()).as("nothing was made by the refused call")
                .contains("(ES256)");
    }

    @Test
    void badTokenLifetimeIsAUsageError() {
        assertThat(new Cli(dataDir).run("keys", "rotate", "--token-lifetime", "long").exitCode()).isEqualTo(2);
    }
}

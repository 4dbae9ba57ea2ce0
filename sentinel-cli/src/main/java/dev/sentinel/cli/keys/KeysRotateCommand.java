package dev.sentinel.cli.keys;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.DurationConverter;
import dev.sentinel.cli.options.KeyEncryptionKeyOptions;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import dev.sentinel.core.application.token.SigningKeyService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel keys rotate}: a new signing key for every node. Old keys sign nothing more but stay in the JWKS
 * until the tokens they signed have expired, so rotation never breaks a valid token.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Create a new token-signing key and retire the current one.",
            "Running servers switch to it within " + SigningKeyService.REFRESH_SECONDS + " seconds; the retired key stays",
            "published until the tokens it signed have expired.",
            "Uses the key-encryption key of serve: --key-encryption-key-file, env",
            KeyEncryptionKey.ENV + ", or the file in --data-dir.",
            ""})
public final class KeysRotateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--signing-algorithm", paramLabel = "ALG", completionCandidates = Candidates.SigningAlgorithms.class, defaultValue = "${env:SENTINEL_SIGNING_ALGORITHM:-EdDSA}",
            description = "Algorithm of the new key: EdDSA, ES256 or RS256. Env: SENTINEL_SIGNING_ALGORITHM. "
                    + "Default: ${DEFAULT-VALUE}")
    String signingAlgorithm;

    @Option(names = "--token-lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_TOKEN_LIFETIME:-15m}",
            description = "The servers' access-token lifetime: how long retired keys stay published. "
                    + "Env: SENTINEL_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}")
    Duration tokenLifetime;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KeyEncryptionKeyOptions keyEncryptionKeyOptions;

    @Override
    public Integer call() {
        String kid;
        byte[] keyEncryptionKey = new byte[0];
        try (Store store = Store.open(storeOptions)) {
            keyEncryptionKey = keyEncryptionKeyOptions.resolve(storeOptions.dataDir(), false);
            kid = store.sentinel().signingKeys(signingAlgorithm, keyEncryptionKey, tokenLifetime).rotate();
        } finally {
            Arrays.fill(keyEncryptionKey, (byte) 0);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("New signing key " + kid + " (" + signingAlgorithm + "). Servers use it within "
                + SigningKeyService.REFRESH_SECONDS + " seconds; retired keys stay published until their tokens expire.");
        out.flush();
        return 0;
    }
}

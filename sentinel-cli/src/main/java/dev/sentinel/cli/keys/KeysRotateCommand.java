package dev.sentinel.cli.keys;

import dev.sentinel.cli.options.KeyEncryptionKeyOptions;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.options.TokenOptions;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import dev.sentinel.core.jose.KeyAlgorithm;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.domain.ValidationException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
            KeyEncryptionKey.ENV + ", or the file in --data-dir. Audited (actor cli:<OS user>).",
            ""})
public final class KeysRotateCommand implements Callable<Integer> {

    private static final String SIGNING_ALGORITHM = "signing_algorithm";

    @Spec
    private CommandSpec spec;

    @Mixin
    TokenOptions tokenOptions;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KeyEncryptionKeyOptions keyEncryptionKeyOptions;

    @Override
    public Integer call() {
        String kid;
        String algorithm;
        Optional<String> configured = configuredAlgorithm();
        byte[] keyEncryptionKey = new byte[0];
        try {
            keyEncryptionKey = keyEncryptionKeyOptions.resolve(storeOptions.dataDir(), false);
        } catch (RuntimeException noKey) {
            Store.open(storeOptions).close(); // a missing store is named first, as before
            throw noKey;
        }
        try (Store store = Store.open(storeOptions, keyEncryptionKey)) {
            SigningKeyService keys = store.sentinel().signingKeys(configured, keyEncryptionKey,
                    tokenOptions.tokenLifetime());
            kid = keys.rotate(Store.CLI);
            algorithm = keys.current().active().algorithm().joseName();
        } finally {
            Arrays.fill(keyEncryptionKey, (byte) 0);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("New signing key " + kid + " (" + algorithm + "). Servers use it within "
                + SigningKeyService.REFRESH_SECONDS + " seconds; retired keys stay published until their tokens expire.");
        out.flush();
        return 0;
    }

    private Optional<String> configuredAlgorithm() {
        String chosen = tokenOptions.signingAlgorithm();
        if (chosen == null || chosen.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyAlgorithm.parse(chosen).joseName());
        } catch (IllegalArgumentException unknown) {
            // named by its option, like every other bad value: "signing_algorithm (--signing-algorithm): must be …"
            throw ValidationException.of(SIGNING_ALGORITHM, unknown.getMessage().replaceFirst("^signing algorithm ", ""));
        }
    }
}

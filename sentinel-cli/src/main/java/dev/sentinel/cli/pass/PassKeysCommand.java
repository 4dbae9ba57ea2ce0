package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel pass keys PASS_ID}: the public keys of a {@code private_key_jwt} pass (kid, alg, thumbprint) or its
 * {@code jwks_uri}; {@code add}, {@code replace} and {@code remove} change them (audited).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"List the public keys of a private_key_jwt pass (kid, algorithm, thumbprint) or its jwks_uri.",
            "Subcommands add, replace and remove change them; each change is audited."},
        subcommands = {PassKeysAddCommand.class, PassKeysReplaceCommand.class, PassKeysRemoveCommand.class})
final class PassKeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", arity = "0..1", converter = PassIdConverter.class,
            description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        if (passId == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PASS_ID' (or a subcommand: "
                    + "add, replace, remove)");
        }
        try (Store store = Store.open(storeOptions)) {
            SentinelPass pass = store.passes().get(passId);
            PrintWriter out = spec.commandLine().getOut();
            KeyViews.print(out, pass, json.enabled());
            out.flush();
        }
        return 0;
    }
}

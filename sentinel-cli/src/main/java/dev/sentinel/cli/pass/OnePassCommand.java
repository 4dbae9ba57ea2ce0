package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.PassId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shape of the commands that act on one pass and print it, as text or with {@code --json}: show, permissions,
 * toggle, revoke, activate.
 */
abstract class OnePassCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    /** Does the command's work on the open store and prints the result. */
    abstract void run(Store store, PrintWriter out);

    @Override
    public final Integer call() {
        try (Store store = Store.open(storeOptions)) {
            PrintWriter out = spec.commandLine().getOut();
            run(store, out);
            out.flush();
        }
        return 0;
    }
}

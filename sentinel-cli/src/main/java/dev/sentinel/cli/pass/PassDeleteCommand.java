package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.PassId;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel pass delete ID}: removes the pass, its agent user and its history for good. Asks on a terminal;
 * scripts pass {@code --yes}; without either it refuses.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a pass, its agent user, credentials and activity permanently. This cannot be undone.",
            "Asks for confirmation on a terminal; use --yes in scripts. Use revoke to keep the history."})
final class PassDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = Store.open(storeOptions)) {
            store.passes().get(passId);
            if (!yes && !confirmed()) {
                out.println("Not deleted.");
                out.flush();
                return 1;
            }
            store.passes().delete(passId);
        }
        out.println("Pass " + passId + " and its agent user are deleted.");
        out.flush();
        return 0;
    }

    private boolean confirmed() {
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(),
                    "refusing to delete " + passId + " without confirmation: there is no terminal to ask on; add --yes");
        }
        String answer = console.readLine("Delete pass %s, its agent user and all its activity permanently? [y/N] ", passId);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}

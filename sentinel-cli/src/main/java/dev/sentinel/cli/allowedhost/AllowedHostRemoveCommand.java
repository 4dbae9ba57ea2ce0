package dev.sentinel.cli.allowedhost;

import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.application.AllowedHostService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel allowed-host remove HOST}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Withdraw an allowed host: fetches from it are held to the address rules again",
            "(running servers within " + AllowedHosts.DELAY + "). Audited."})
final class AllowedHostRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "A host from allowed-host list.")
    String host;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        boolean removed;
        try (Store store = Store.open(storeOptions)) {
            removed = AllowedHosts.of(store).remove(host);
        }
        String name = AllowedHostService.normalized(host);
        if (!removed) {
            throw new CommandFailedException(name + " is not an allowed host (see sentinel allowed-host list)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Removed " + name + "; running servers follow within " + AllowedHosts.DELAY + ".");
        out.flush();
        return 0;
    }
}

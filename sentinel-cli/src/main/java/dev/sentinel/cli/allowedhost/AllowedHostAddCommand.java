package dev.sentinel.cli.allowedhost;

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

/** {@code sentinel allowed-host add HOST}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Allow a host (DNS name or IP address, no scheme, port or wildcard) whatever its address;",
            "running servers follow within " + AllowedHosts.DELAY + ". Audited."})
final class AllowedHostAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "e.g. issuer.internal.example")
    String host;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        AllowedHostService.Added added;
        try (Store store = Store.open(storeOptions)) {
            added = AllowedHosts.of(store).add(host);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(added.created() ? "Allowed " + added.host().host() + "; running servers follow within "
                + AllowedHosts.DELAY + "." : added.host().host() + " was allowed already.");
        out.flush();
        return 0;
    }
}

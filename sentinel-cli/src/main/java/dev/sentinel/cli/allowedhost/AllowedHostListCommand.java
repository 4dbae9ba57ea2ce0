package dev.sentinel.cli.allowedhost;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.application.AllowedHostService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel allowed-host list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the allowed hosts, by name.")
final class AllowedHostListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        List<AllowedHostService.AllowedHost> hosts;
        try (Store store = Store.open(storeOptions)) {
            hosts = AllowedHosts.of(store).list();
        }
        Listing.print(spec.commandLine().getOut(), json.enabled(), () -> hosts.stream().map(AllowedHosts::json).toList(),
                hosts.isEmpty(), "No allowed hosts. Allow one with: sentinel allowed-host add HOST", () -> table(hosts));
        return 0;
    }

    private static Table table(List<AllowedHostService.AllowedHost> hosts) {
        Table table = Table.withHeader("HOST", "ADDED (UTC)", "ADDED BY");
        hosts.forEach(host -> table.row(host.host(), Figures.instant(host.addedAt()), host.addedBy()));
        return table;
    }
}

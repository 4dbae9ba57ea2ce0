package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.ValidationException;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sentinel pass allowed-ips ID --set LIST | --clear}: the networks a pass may be used from. Audited. */
@Command(name = "allowed-ips", mixinStandardHelpOptions = true,
        description = {"Bind a pass to networks, or let any address use it again.",
            "A client outside them is refused at the token endpoint and its tokens at the guard."})
final class PassAllowedIpsCommand extends OnePassCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Change change;

    /** Exactly one of the two. */
    static final class Change {
        @Option(names = "--set", paramLabel = "CIDR[,CIDR...]", required = true,
                description = "The networks, e.g. 10.0.0.0/8,2001:db8::/32 (at most 50; a bare address is one host); "
                        + "replaces the current ones.")
        String set;

        @Option(names = "--clear", required = true, description = "Let any address use the pass.")
        boolean clear;
    }

    @Override
    void run(Store store, PrintWriter out) {
        if (!change.clear && PassCreateCommand.blocks(change.set).isEmpty()) {
            throw ValidationException.of(AllowedNetworks.FIELD,
                    "must name at least one network block, or use --clear to let any address use the pass");
        }
        AllowedNetworks networks = change.clear ? AllowedNetworks.any()
                : AllowedNetworks.parse(PassCreateCommand.blocks(change.set));
        SentinelPass changed = store.passes().changeAllowedNetworks(passId, networks);
        if (json.enabled()) {
            out.println(Json.write(PassViews.json(changed, store.sentinel().clock().instant())));
        } else {
            out.println("Pass " + passId + " may now be used from " + PassViews.allowedNetworks(changed.pass()) + ".");
        }
    }
}

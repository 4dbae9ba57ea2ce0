package dev.sentinel.cli.allowedhost;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel allowed-host}: hosts the server may fetch keys and metadata from on private addresses. */
@Command(name = "allowed-host", mixinStandardHelpOptions = true,
        description = {"Add, list and remove the hosts the server may fetch keys and metadata from although they",
            "resolve to a loopback, link-local or private address (internal issuers); https is still required."},
        subcommands = {AllowedHostAddCommand.class, AllowedHostListCommand.class, AllowedHostRemoveCommand.class})
public final class AllowedHostCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

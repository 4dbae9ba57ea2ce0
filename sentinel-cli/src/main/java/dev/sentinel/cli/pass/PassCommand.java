package dev.sentinel.cli.pass;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel pass}: the lifecycle of Sentinel Passes. */
@Command(name = "pass", mixinStandardHelpOptions = true,
        description = "Create, inspect, rotate, toggle, revoke, activate, bind to networks, change the keys of and "
            + "delete Sentinel Passes.",
        subcommands = {PassCreateCommand.class, PassListCommand.class, PassShowCommand.class,
            PassPermissionsCommand.class, PassRegenerateCommand.class, PassToggleCommand.class,
            PassRevokeCommand.class, PassActivateCommand.class, PassAllowedIpsCommand.class, PassKeysCommand.class,
            PassDeleteCommand.class})
public final class PassCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

package dev.sentinel.cli.admintoken;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel admin-token}: the admin bearer token of the management API kept (hashed) in the store. */
@Command(name = "admin-token", mixinStandardHelpOptions = true,
        description = "Manage the admin token of the management API kept in the store.",
        subcommands = AdminTokenRotateCommand.class)
public final class AdminTokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

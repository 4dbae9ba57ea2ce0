package dev.sentinel.cli.keys;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel keys}: the token-signing keys every node shares. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the token-signing keys.",
        subcommands = KeysRotateCommand.class)
public final class KeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

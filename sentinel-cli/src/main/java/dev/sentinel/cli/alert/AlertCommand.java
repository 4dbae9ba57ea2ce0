package dev.sentinel.cli.alert;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel alert}: the alerts the rules of projects fired. */
@Command(name = "alert", mixinStandardHelpOptions = true,
        description = "List the alerts that alert rules fired (rules are made with the management API).",
        subcommands = {AlertListCommand.class})
public final class AlertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

package dev.sentinel.cli.activity;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel activity}: a pass's activity log, listed page by page or exported to files. */
@Command(name = "activity", mixinStandardHelpOptions = true,
        description = "List or export a pass's activity log (requests, token generations, errors).",
        subcommands = {ActivityListCommand.class, ActivityExportCommand.class})
public final class ActivityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

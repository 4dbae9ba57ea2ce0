package dev.sentinel.cli.project;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel project}: the projects that hold passes. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "List the projects that hold passes.",
        subcommands = {ProjectListCommand.class})
public final class ProjectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

package dev.sentinel.cli.project;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel project}: the project records, which hold passes and members. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Create, list and delete projects, and manage their members.",
        subcommands = {ProjectCreateCommand.class, ProjectListCommand.class, ProjectDeleteCommand.class,
            ProjectMembersCommand.class})
public final class ProjectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

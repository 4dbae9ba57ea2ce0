package dev.sentinel.cli.resource;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel resource}: the resource servers (MCP servers, APIs) a project's tokens may name. */
@Command(name = "resource", mixinStandardHelpOptions = true,
        description = {"Register, list and delete a project's resources: the resource servers (MCP servers, APIs)",
            "its passes may ask tokens for with the resource parameter (RFC 8707), with no audience edit per pass."},
        subcommands = {ResourceCreateCommand.class, ResourceListCommand.class, ResourceDeleteCommand.class})
public final class ResourceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}

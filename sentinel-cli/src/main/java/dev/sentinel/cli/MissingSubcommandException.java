package dev.sentinel.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A command group ({@code sentinel keys}, {@code sentinel pass}, …) run without one of its subcommands. Picocli's
 * convention for a group without an action of its own is a usage error: exit code 2, "Missing required subcommand"
 * and the group's usage; here the one-line error is followed by the group's subcommands, so the list is on screen.
 */
public final class MissingSubcommandException extends ParameterException {

    private static final long serialVersionUID = 1L;

    public MissingSubcommandException(CommandLine group) {
        super(group, "Missing required subcommand");
    }
}

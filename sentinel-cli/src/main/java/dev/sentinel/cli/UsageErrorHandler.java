package dev.sentinel.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Bad input on the command line: one line on stderr naming the problem and where to find help, exit code 2.
 * Suggestions for mistyped options or subcommands follow on the next line when picocli has any; a command group run
 * without a subcommand lists its subcommands after the line.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine commandLine = problem.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        commandLine.getErr().println("error: " + Messages.oneLine(problem.getMessage())
                + " (see '" + name + " --help')");
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, commandLine.getErr());
        if (problem instanceof MissingSubcommandException) {
            commandLine.getErr().print("Commands of " + name + ":\n" + commandLine.getHelp().commandList());
        }
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}

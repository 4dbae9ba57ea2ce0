package dev.sentinel.cli;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.core.domain.ValidationException;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on stderr and an exit code: 2 for a
 * {@link CommandLine.ParameterException} thrown while running, 1 for everything else. The stack trace is shown only
 * with {@code --verbose}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
        if (failure instanceof CommandLine.ParameterException usage) {
            return new UsageErrorHandler().handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = commandLine.getErr();
        err.println("error: " + describe(failure));
        if (verbose(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The one-line message for a failure; a validation failure lists every field with its rule. */
    static String describe(Throwable failure) {
        if (failure instanceof ValidationException invalid) {
            return invalid.violations().stream().map(FailureHandler::describe).collect(Collectors.joining("; "));
        }
        if (failure instanceof SentinelException || failure instanceof IllegalArgumentException
                || failure instanceof CommandFailedException) {
            return Messages.oneLine(failure.getMessage());
        }
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + Messages.oneLine(message);
    }

    private static String describe(FieldViolation violation) {
        return OptionNames.forField(violation.field())
                .map(option -> violation.field() + " (" + option + "): " + violation.rule())
                .orElse(violation.toString());
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}

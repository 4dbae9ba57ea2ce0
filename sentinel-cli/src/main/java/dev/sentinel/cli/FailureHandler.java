package dev.sentinel.cli;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.SentinelException;
import dev.sentinel.core.domain.ValidationException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on stderr and an exit code: 2 for a
 * {@link CommandLine.ParameterException} thrown while running, 1 for everything else. The stack trace is shown only
 * with {@code --verbose}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    /** A longer value (a description of 1,001 characters) is cut to this many in the message. */
    private static final int SHOWN_VALUE_LENGTH = 40;

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
        if (failure instanceof CommandLine.ParameterException usage) {
            return new UsageErrorHandler().handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = commandLine.getErr();
        err.println("error: " + describe(failure, innermost(parsed)));
        if (verbose(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The one-line message for a failure; a validation failure lists every field with its rule. */
    static String describe(Throwable failure) {
        return describe(failure, null);
    }

    /**
     * The one-line message for a failure of the command {@code parsed} ran (null when unknown): a validation failure
     * lists every field with the option that carries it, its rule and the value typed, e.g.
     * {@code grace_period (--grace): must be between 0 and 30 days (got '31d')}.
     */
    static String describe(Throwable failure, ParseResult parsed) {
        if (failure instanceof ValidationException invalid) {
            return invalid.violations().stream().map(violation -> describe(violation, parsed))
                    .collect(Collectors.joining("; "));
        }
        if (failure instanceof SentinelException || failure instanceof IllegalArgumentException
                || failure instanceof CommandFailedException) {
            return Messages.oneLine(failure.getMessage());
        }
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + Messages.oneLine(message);
    }

    private static String describe(FieldViolation violation, ParseResult parsed) {
        CommandSpec command = parsed == null ? null : parsed.commandSpec();
        return OptionNames.forField(violation.field(), command)
                .map(option -> violation.field() + " (" + option + "): " + violation.rule() + typed(violation, option, parsed))
                .orElse(violation.toString());
    }

    /**
     * {@code (got 'VALUE')} with the value given to the option on the command line, unless the rule shows it already:
     * it says "got", or it starts with the item of a list that broke it ({@code 10.0.0.1/33: prefix length …}).
     */
    private static String typed(FieldViolation violation, String option, ParseResult parsed) {
        if (parsed == null || !parsed.hasMatchedOption(option) || violation.rule().contains("(got ")) {
            return "";
        }
        List<String> values = parsed.matchedOption(option).stringValues();
        String value = values.isEmpty() ? "" : values.get(values.size() - 1);
        boolean namesItem = Arrays.stream(value.split("[\\s,]+")).filter(item -> !item.isEmpty())
                .anyMatch(item -> violation.rule().startsWith(item + ":"));
        String shown = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH - 1) + "…" : value;
        return namesItem ? "" : " (got '" + shown + "')";
    }

    /** The parse result of the subcommand that ran. */
    private static ParseResult innermost(ParseResult parsed) {
        ParseResult level = parsed;
        while (level != null && level.subcommand() != null) {
            level = level.subcommand();
        }
        return level;
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

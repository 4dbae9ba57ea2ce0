package dev.sentinel.cli.pass;

import picocli.CommandLine.Option;

/** {@code --format json|env}: how the commands that issue a secret (create, regenerate) print it. */
final class CredentialsFormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "How to print the credentials: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    CredentialsFormat format;

    /** Whether the credentials are printed as bash {@code export} lines. */
    boolean env() {
        return format == CredentialsFormat.env;
    }
}

package dev.sentinel.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output for scripts instead of a table. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON (snake_case fields) instead of a table.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}

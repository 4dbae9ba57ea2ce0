package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli.Result;
import org.junit.jupiter.api.Test;

class SentinelCommandTest {

    @Test
    void helpListsEveryCommandAndExitsZero() {
        Result result = Cli.runRaw("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("serve", "pass", "usage", "activity", "keys", "completion", "Exit codes");
    }

    @Test
    void versionNamesTheBuiltVersion() {
        Result result = Cli.runRaw("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("sentinel ").doesNotContain("${project.version}", "unknown");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"serve"}, {"pass"}, {"pass", "create"}, {"pass", "list"},
                {"pass", "show"}, {"pass", "permissions"}, {"pass", "regenerate"}, {"pass", "toggle"},
                {"pass", "revoke"}, {"pass", "activate"}, {"pass", "delete"}, {"usage"}, {"activity"},
                {"activity", "list"}, {"activity", "export"}, {"keys"}, {"keys", "rotate"},
                {"admin-token"}, {"admin-token", "rotate"}, {"completion"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Result result = Cli.runRaw(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: sentinel");
        }
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Result result = Cli.runRaw("--bogus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: Unknown option: '--bogus' (see 'sentinel --help')\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void missingSubcommandIsAUsageErrorBelowTheTop() {
        assertThat(Cli.runRaw("pass").err()).contains("Missing required subcommand", "sentinel pass --help");
        Result keys = Cli.runRaw("keys");
        assertThat(keys.exitCode()).as("picocli's convention for a group without an action: a usage error").isEqualTo(2);
        assertThat(keys.err()).isEqualTo("error: Missing required subcommand (see 'sentinel keys --help')\n"
                + "Commands of sentinel keys:\n"
                + "  rotate  Create a new token-signing key and retire the current one.\n");
        assertThat(Cli.runRaw("admin-token").exitCode()).isEqualTo(2);
    }

    @Test
    void mistypedCommandSuggestsCommands() {
        Result result = Cli.runRaw("pass", "craete");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "Did you mean: pass ");
    }

    @Test
    void completionPrintsABashScriptCoveringSubcommandsAndOptions() {
        Result result = Cli.runRaw("completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash").contains("complete -F", "regenerate", "--access-level");
    }
}

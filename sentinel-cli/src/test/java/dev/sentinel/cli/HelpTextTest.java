package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** The help a new user meets: the command list without arguments, and help texts a reader can copy values from. */
class HelpTextTest {

    private static final List<String> COMMANDS = List.of("serve", "pass", "project", "usage", "activity", "account",
            "access-key", "audit", "keys", "admin-token", "backup", "allowed-host", "completion", "help");

    @Test
    void sentinelAloneAndSentinelHelpPrintTheCommandList() {
        for (String[] args : List.of(new String[0], new String[] {"help"})) {
            Cli.Result result = Cli.runRaw(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            for (String command : COMMANDS) {
                assertThat(result.out()).containsPattern("(?m)^  " + command + " ");
            }
        }
        assertThat(Cli.runRaw("help", "pass").out()).contains("Usage: sentinel pass");
    }

    @Test
    void noHelpTextWarnsOrBreaksAValueAcrossLines() {
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<CommandLine> all = new ArrayList<>();
        collect(SentinelCommand.newCommandLine(), all);
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (CommandLine command : all) {
                String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                String joined = help.replaceAll("\\s+", " ");
                for (ArgSpec arg : command.getCommandSpec().args()) {
                    for (String paragraph : arg.description()) {
                        for (String word : paragraph.split("\\s+")) {
                            if (Pattern.compile("[/:_.]").matcher(word).find()) {
                                assertThat(joined).as("help of '%s' keeps '%s' on one line",
                                        command.getCommandSpec().qualifiedName(), word).contains(word);
                            }
                        }
                    }
                }
                help.lines().forEach(line -> assertThat(line.length()).as("width of: " + line).isLessThanOrEqualTo(
                        line.strip().contains(" ") ? 80 : 120));
            }
        } finally {
            System.setErr(original);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli warnings").isEmpty();
        assertThat(all).hasSizeGreaterThan(COMMANDS.size());
    }

    @Test
    void completionOffersTheValuesOfOptionsThatTakeOneOfAFewWords() {
        String script = Cli.runRaw("completion").out();

        assertThat(script).contains("(\"basic\" \"standard\" \"premium\" \"enterprise\") # --access-level values");
        assertThat(script).contains("(\"ai_assistant\" \"automation_tool\"");
        assertThat(script).contains("(\"24h\" \"7d\" \"30d\") # --range values");
        assertThat(script).contains("(\"json\" \"csv\" \"jsonl\") # --format values");
        assertThat(script).contains("(\"api_request\" \"token_generation\" \"error\") # --type values");
        assertThat(script).contains("(\"sha256\" \"argon2id\") # --hasher values");
        assertThat(script).contains("(\"ES256\" \"EdDSA\" \"RS256\") # --signing-algorithm values");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The container image's documentation in docs/operations.md against what it describes: the Compose file it shows is
 * dist/image/compose.yaml as checked in, and every {@code SENTINEL_*} variable the section, the Compose file and the
 * image's build name is one the {@code sentinel} command reads. dist/image/smoke.sh runs the image itself.
 */
class ContainerImageDocTest {

    private static final Path OPERATIONS = Path.of("../docs/operations.md");
    private static final Path COMPOSE = Path.of("../dist/image/compose.yaml");
    private static final Path ARCHIVE_WRITER = Path.of("../dist/image/oci_archive.py");
    private static final Pattern ENV = Pattern.compile("SENTINEL_[A-Z0-9_]*[A-Z0-9]");
    /**
     * Variables the section may name that Sentinel does not read: the image version the Compose file picks, and the
     * credentials {@code pass create --format env} writes.
     */
    private static final Set<String> NOT_READ = Set.of("SENTINEL_VERSION", "SENTINEL_CLIENT_ID", "SENTINEL_CLIENT_SECRET");

    @Test
    void theComposeFileShownIsTheOneCheckedIn() throws IOException {
        String section = containerSection();
        String compose = Files.readString(COMPOSE);

        assertThat(section).as("docs/operations.md shows dist/image/compose.yaml as it is")
                .contains("```yaml\n" + compose + "```");
    }

    @Test
    void everyVariableTheImageAndItsDocsNameIsOneSentinelReads() throws IOException {
        Set<String> read = variablesSentinelReads();
        Set<String> named = new TreeSet<>();
        named.addAll(variables(containerSection()));
        named.addAll(variables(Files.readString(COMPOSE)));
        named.addAll(variables(Files.readString(ARCHIVE_WRITER)));
        named.removeAll(NOT_READ);

        assertThat(named).as("the variables of the image's docs, Compose file and configuration")
                .contains("SENTINEL_ADMIN_TOKEN", "SENTINEL_DATA_DIR", "SENTINEL_HOST", "SENTINEL_PORT", "SENTINEL_DB_URL");
        assertThat(read).as("variables sentinel reads").containsAll(named);
    }

    private static String containerSection() throws IOException {
        String operations = Files.readString(OPERATIONS);
        int start = operations.indexOf("\n## Container image\n");
        assertThat(start).as("docs/operations.md has a '## Container image' section").isNotNegative();
        int end = operations.indexOf("\n## ", start + 1);
        return operations.substring(start, end < 0 ? operations.length() : end);
    }

    /** Every variable an option takes its default from, or a command's or option's help names. */
    private static Set<String> variablesSentinelReads() {
        List<CommandSpec> commands = new ArrayList<>();
        collect(SentinelCommand.newCommandLine(), commands);
        Set<String> read = new TreeSet<>();
        for (CommandSpec command : commands) {
            read.addAll(variables(String.join(" ", command.usageMessage().description())));
            for (OptionSpec option : command.options()) {
                read.addAll(variables(String.valueOf(option.defaultValue())));
                read.addAll(variables(String.join(" ", option.description())));
            }
        }
        return read;
    }

    private static void collect(CommandLine commandLine, List<CommandSpec> all) {
        all.add(commandLine.getCommandSpec());
        commandLine.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    private static Set<String> variables(String text) {
        Set<String> variables = new TreeSet<>();
        Matcher variable = ENV.matcher(text);
        while (variable.find()) {
            variables.add(variable.group());
        }
        return variables;
    }
}

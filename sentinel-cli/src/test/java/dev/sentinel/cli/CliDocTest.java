package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * docs/cli.md matches picocli's model of the {@code sentinel} command: every option and environment variable of
 * every command is documented, and every option the page documents exists.
 *
 * <p>The page has one {@code ## `sentinel …`} section per command (a heading may name several, as in
 * {@code pass toggle | revoke | activate}). An option is documented in a section when it appears in backticks outside
 * code blocks, e.g. in the first column of an option table. Options shared through a mixin are documented once, in a
 * shared section, and count as documented for every command that has them: the store options under
 * "Where the data lives", the activity filters under "Activity filters", the audit filters under "Audit filters", and {@code --help}, {@code --version},
 * {@code --verbose} and {@code --json} under "Conventions". Every other option (including the {@code --hasher} and
 * key-encryption-key mixins, whose meaning differs per command) belongs in its command's own section.
 */
class CliDocTest {

    private static final Path CLI_MD = Path.of("../docs/cli.md");
    private static final String CONVENTIONS = "Conventions";
    /** The mixins documented once, by class name, and the section that documents them. */
    private static final Map<String, String> SHARED_MIXINS = Map.of(
            "StoreOptions", "Where the data lives",
            "ActivityFilterOptions", "Activity filters",
            "AuditFilterOptions", "Audit filters",
            "JsonOption", CONVENTIONS);
    private static final Pattern OPTION = Pattern.compile("`(--[a-z][a-z0-9-]*)");
    private static final Pattern HEADING_OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
    private static final Pattern ENV = Pattern.compile("SENTINEL_[A-Z0-9_]*[A-Z0-9]");

    private static Map<String, Section> sections;
    /** The command line the sections and the checks share, so that its command specs compare by identity. */
    private static CommandLine root;

    /** A {@code ##} section: its prose (code blocks left out), its code blocks, and the commands it is about. */
    private record Section(String heading, String prose, List<String> code, List<CommandSpec> commands) {

        /** The options the heading names (as in {@code `sentinel backup --to FILE`}) and the prose has in backticks. */
        Set<String> options() {
            Set<String> options = new LinkedHashSet<>();
            Matcher named = HEADING_OPTION.matcher(heading);
            while (named.find()) {
                options.add(named.group(1));
            }
            Matcher option = OPTION.matcher(prose);
            while (option.find()) {
                options.add(option.group(1));
            }
            return options;
        }

        String title() {
            return "'## " + heading + "'";
        }
    }

    @BeforeAll
    static void readThePage() throws IOException {
        sections = new LinkedHashMap<>();
        root = SentinelCommand.newCommandLine();
        String heading = null;
        StringBuilder prose = new StringBuilder();
        List<String> code = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(CLI_MD)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    code.add(block.toString());
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            } else if (line.startsWith("## ")) {
                add(root, heading, prose, code);
                heading = line.substring(3).strip();
                prose = new StringBuilder();
                code = new ArrayList<>();
            } else {
                prose.append(line).append('\n');
            }
        }
        add(root, heading, prose, code);
    }

    private static void add(CommandLine root, String heading, StringBuilder prose, List<String> code) {
        if (heading != null) {
            sections.put(heading, new Section(heading, prose.toString(), List.copyOf(code), commandsOf(root, heading)));
        }
    }

    @Test
    void everyCommandHasASection() {
        Set<String> documented = new TreeSet<>();
        sections.values().forEach(section -> section.commands().forEach(command -> documented.add(command.qualifiedName())));
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : allCommands()) {
            boolean leaf = command.subcommands().isEmpty();
            if (leaf && !documented.contains(command.qualifiedName())) {
                missing.add("`" + command.qualifiedName() + "` has no section in docs/cli.md: add '## `"
                        + command.qualifiedName() + " …`' describing it and its options");
            }
        }
        assertThat(missing).as("commands without a section in docs/cli.md").isEmpty();
    }

    @Test
    void everyOptionOfEveryCommandIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (CommandSpec command : allCommands()) {
            List<Section> own = sections.values().stream().filter(section -> section.commands().contains(command)).toList();
            for (OptionSpec option : command.options()) {
                if (option.hidden()) {
                    continue;
                }
                Optional<String> shared = sharedSection(command, option);
                List<Section> where = shared.map(name -> List.of(sections.get(name))).orElse(own);
                if (where.stream().noneMatch(section -> section.options().contains(option.longestName()))) {
                    undocumented.add("option " + option.longestName() + " of `" + command.qualifiedName()
                            + "` is not documented in docs/cli.md " + (where.isEmpty() ? "(the command has no section)"
                            : "in " + where.get(0).title()) + ": add it (e.g. a row of the option table) with what it "
                            + "does, and its environment variable and default if it has them");
                }
            }
        }
        assertThat(undocumented).as("options missing from docs/cli.md").isEmpty();
    }

    @Test
    void everyEnvironmentVariableOfEveryCommandIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (CommandSpec command : allCommands()) {
            List<Section> own = sections.values().stream().filter(section -> section.commands().contains(command)).toList();
            for (String variable : envIn(String.join(" ", command.usageMessage().description()))) {
                if (own.stream().noneMatch(section -> envIn(section.prose()).contains(variable))) {
                    undocumented.add("environment variable " + variable + " of `" + command.qualifiedName()
                            + "` is not documented in its section of docs/cli.md");
                }
            }
            for (OptionSpec option : command.options()) {
                List<Section> where = sharedSection(command, option).map(name -> List.of(sections.get(name))).orElse(own);
                for (String variable : envIn(String.join(" ", option.description()))) {
                    if (where.stream().noneMatch(section -> envIn(section.prose()).contains(variable))) {
                        undocumented.add("environment variable " + variable + " (option " + option.longestName()
                                + " of `" + command.qualifiedName() + "`) is not documented in docs/cli.md"
                                + (where.isEmpty() ? "" : " in " + where.get(0).title()));
                    }
                }
            }
        }
        assertThat(undocumented).as("environment variables missing from docs/cli.md").isEmpty();
    }

    @Test
    void everyDocumentedOptionExists() {
        List<String> unknown = new ArrayList<>();
        for (Section section : sections.values()) {
            for (String option : section.options()) {
                for (CommandSpec command : section.commands()) {
                    if (command.findOption(option) == null) {
                        unknown.add(section.title() + " documents " + option + ", but `" + command.qualifiedName()
                                + "` has no such option");
                    }
                }
            }
        }
        for (Map.Entry<String, String> shared : SHARED_MIXINS.entrySet()) {
            Section section = sections.get(shared.getValue());
            assertThat(section).as("docs/cli.md has a section '## " + shared.getValue() + "'").isNotNull();
            Set<String> mixinOptions = new TreeSet<>();
            allCommands().forEach(command -> command.mixins().values().stream()
                    .filter(mixin -> mixin.userObject().getClass().getSimpleName().equals(shared.getKey()))
                    .forEach(mixin -> mixin.options().forEach(option -> mixinOptions.add(option.longestName()))));
            if (!section.heading().equals(CONVENTIONS)) {
                section.options().stream().filter(option -> !mixinOptions.contains(option))
                        .forEach(option -> unknown.add(section.title() + " documents " + option + ", which is not one of "
                                + "the shared " + shared.getKey() + " " + mixinOptions));
            }
        }
        assertThat(unknown).as("options documented in docs/cli.md that the CLI does not have").isEmpty();
    }

    /** Every {@code ./sentinel …} example (after a {@code $} prompt or not) parses, unless the page shows it failing with {@code error:}. */
    @Test
    void everyExampleCommandLineParses() {
        List<String> broken = new ArrayList<>();
        int examples = 0;
        for (Section section : sections.values()) {
            for (String block : section.code()) {
                List<String> lines = block.replace("\\\n", " ").lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    Optional<List<String>> args = sentinelArguments(lines.get(i));
                    boolean failsOnPurpose = i + 1 < lines.size() && lines.get(i + 1).startsWith("error: ");
                    if (args.isEmpty() || failsOnPurpose) {
                        continue;
                    }
                    examples++;
                    try {
                        SentinelCommand.newCommandLine().parseArgs(args.get().toArray(String[]::new));
                    } catch (ParameterException refused) {
                        broken.add(section.title() + ": `" + lines.get(i).strip() + "`: " + refused.getMessage());
                    }
                }
            }
        }
        assertThat(examples).as("example command lines found").isGreaterThan(30);
        assertThat(broken).as("examples in docs/cli.md that the CLI refuses").isEmpty();
    }

    /** The shared section that documents the option for every command, if it is one of the shared ones. */
    private static Optional<String> sharedSection(CommandSpec command, OptionSpec option) {
        if (option.usageHelp() || option.versionHelp() || option.scopeType() == ScopeType.INHERIT) {
            return Optional.of(CONVENTIONS);
        }
        for (CommandSpec mixin : command.mixins().values()) {
            String section = SHARED_MIXINS.get(mixin.userObject().getClass().getSimpleName());
            if (section != null && mixin.findOption(option.longestName()) != null) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** The commands a heading such as {@code `sentinel pass toggle | revoke | activate ID`} is about. */
    private static List<CommandSpec> commandsOf(CommandLine root, String heading) {
        Matcher command = Pattern.compile("^`sentinel( [^`]*)?`").matcher(heading);
        if (!command.find()) {
            return List.of();
        }
        String[] alternatives = (command.group(1) == null ? "" : command.group(1).strip()).split(" \\| ");
        List<CommandSpec> commands = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (int i = 0; i < alternatives.length; i++) {
            List<String> words = List.of(alternatives[i].split(" +"));
            CommandLine parent = i == 0 ? root : walk(root, path.subList(0, Math.max(0, path.size() - 1)));
            if (i > 0 && !parent.getSubcommands().containsKey(words.get(0))) {
                continue; // an alternative of arguments, such as "--set … | --clear"
            }
            List<String> full = new ArrayList<>(i == 0 ? List.of() : path.subList(0, Math.max(0, path.size() - 1)));
            CommandLine current = parent;
            for (String word : words) {
                if (!current.getSubcommands().containsKey(word)) {
                    break;
                }
                current = current.getSubcommands().get(word);
                full.add(word);
            }
            if (i == 0) {
                path = full;
            }
            commands.add(current.getCommandSpec());
        }
        return commands;
    }

    private static CommandLine walk(CommandLine root, List<String> path) {
        CommandLine current = root;
        for (String word : path) {
            current = current.getSubcommands().get(word);
        }
        return current;
    }

    private static List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine commandLine, List<CommandSpec> all) {
        if (commandLine.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        all.add(commandLine.getCommandSpec());
        commandLine.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    private static Set<String> envIn(String text) {
        Set<String> variables = new TreeSet<>();
        Matcher variable = ENV.matcher(text);
        while (variable.find()) {
            variables.add(variable.group());
        }
        return variables;
    }

    /** The arguments of a {@code $ ./sentinel …} line (also after {@code sudo [-u USER]}), without redirections. */
    private static Optional<List<String>> sentinelArguments(String line) {
        Matcher prompt = Pattern.compile("^(?:\\$ )?(?:sudo (?:-u \\S+ )?)?\\./sentinel(?: (.*))?$").matcher(line.strip());
        if (!prompt.find()) {
            return Optional.empty();
        }
        String rest = prompt.group(1) == null ? "" : prompt.group(1).replaceFirst("\\s+#.*$", "");
        List<String> args = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(rest);
        boolean skipNext = false;
        while (word.find()) {
            String text = word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3);
            if (skipNext) {
                skipNext = false;
            } else if (word.group(3) != null && (text.equals("<") || text.equals(">") || text.equals("2>"))) {
                skipNext = true;
            } else if (word.group(3) == null || !text.startsWith(">") && !text.startsWith("<")) {
                args.add(text);
            }
        }
        return Optional.of(args);
    }
}

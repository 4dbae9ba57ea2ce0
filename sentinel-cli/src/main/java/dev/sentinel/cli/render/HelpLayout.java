package dev.sentinel.cli.render;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Lays out the option and parameter lists of every command's help so that lines break only at spaces: picocli breaks
 * long words at punctuation, which split values a reader copies ({@code ./sentinel-data}, {@code https://…},
 * {@code read:data}) across two lines. A word longer than the column runs past the right margin instead.
 */
public final class HelpLayout {

    static final int WIDTH = 80;
    /** Where descriptions start, as in picocli's own layout. */
    static final int DESCRIPTION_COLUMN = 28;

    private HelpLayout() {
    }

    /** Installs the layout on the command and every subcommand below it. */
    public static void install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> options(help));
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
                help -> parameters(help));
        commandLine.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static String parameters(Help help) {
        StringBuilder out = new StringBuilder();
        for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
            if (!parameter.hidden()) {
                row(out, "      " + parameter.paramLabel(), parameter);
            }
        }
        return out.toString();
    }

    private static String options(Help help) {
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options().stream()
                .filter(option -> !option.hidden()).toList());
        if (help.commandSpec().usageMessage().sortOptions()) {
            options.sort(java.util.Comparator.comparing(option -> option.longestName().replaceFirst("^-+", "")));
        }
        StringBuilder out = new StringBuilder();
        for (OptionSpec option : options) {
            row(out, names(option), option);
        }
        return out.toString();
    }

    private static String names(OptionSpec option) {
        String shortName = null;
        List<String> longNames = new ArrayList<>();
        for (String name : option.names()) {
            if (name.length() == 2 && shortName == null) {
                shortName = name;
            } else {
                longNames.add(name);
            }
        }
        StringBuilder names = new StringBuilder("  ").append(shortName == null ? "    " : shortName
                + (longNames.isEmpty() ? "  " : ", "));
        names.append(String.join(", ", longNames));
        if (option.arity().max() > 0) {
            boolean optional = option.arity().min() == 0;
            names.append(optional ? "[=" : "=").append(option.paramLabel()).append(optional ? "]" : "");
        }
        return names.toString();
    }

    private static void row(StringBuilder out, String left, ArgSpec arg) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : arg.description()) {
            lines.addAll(wrap(paragraph.replace("%n", "\n").replace("%%", "%"), WIDTH - DESCRIPTION_COLUMN));
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        int first = 0;
        if (left.length() + 2 <= DESCRIPTION_COLUMN) {
            out.append(pad(left, DESCRIPTION_COLUMN)).append(lines.get(0)).append('\n');
            first = 1;
        } else {
            out.append(left).append('\n');
        }
        for (int i = first; i < lines.size(); i++) {
            out.append(" ".repeat(DESCRIPTION_COLUMN + (i == 0 ? 0 : 2))).append(lines.get(i)).append('\n');
        }
    }

    /** Splits at spaces only, each line at most {@code width} characters unless one word is longer. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split(" +")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width - (lines.isEmpty() ? 0 : 2)) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }
}

package dev.sentinel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the launchers' class-data archive: runs the admin commands people use most, in one JVM,
 * against a throw-away store in a temporary directory, so that an archive dumped at its exit
 * ({@code -XX:ArchiveClassesAtExit}) holds the classes of all of them, whatever command runs first after a build.
 * (An archive made by the first real command held only that command's classes: after {@code --version} first,
 * {@code pass list} took 1.2–1.5 s instead of 0.8 s.) Prints nothing; exits 0 when every command ran as expected.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    /** Runs the training; the launcher starts it with the archive options and the jar as the class path. */
    public static void main(String... args) throws IOException {
        SentinelCommand.bindH2ToLoopback();
        Path work = Files.createTempDirectory("sentinel-training-");
        int failures;
        try {
            failures = train(work.resolve("data").toString());
        } finally {
            delete(work);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Runs every command on the store in {@code dataDir}; returns how many ended with an unexpected exit code. */
    static int train(String dataDir) {
        List<String> failed = new ArrayList<>();
        String[] store = {"--data-dir", dataDir};
        run(failed, 1, "pass", "list", "--project", "training", "--data-dir", dataDir); // no store yet
        run(failed, 0, with(store, "pass", "create", "--project", "training", "--name", "Training Agent", "--type",
                "training", "--pass-id", "SP-2026-TRAIN1"));
        run(failed, 0, with(store, "pass", "create", "--project", "training", "--name", "Env Agent", "--type", "training",
                "--format", "env"));
        run(failed, 0, with(store, "pass", "list", "--project", "training"));
        run(failed, 0, with(store, "pass", "list"));
        run(failed, 0, with(store, "pass", "list", "--json"));
        run(failed, 0, with(store, "project", "list"));
        run(failed, 0, with(store, "project", "list", "--json"));
        run(failed, 0, with(store, "pass", "show", "SP-2026-TRAIN1"));
        run(failed, 0, with(store, "pass", "permissions", "SP-2026-TRAIN1"));
        run(failed, 0, with(store, "pass", "toggle", "SP-2026-TRAIN1"));
        run(failed, 0, with(store, "pass", "regenerate", "SP-2026-TRAIN1", "--grace", "1h"));
        run(failed, 0, with(store, "usage", "SP-2026-TRAIN1"));
        run(failed, 0, with(store, "activity", "list", "SP-2026-TRAIN1"));
        run(failed, 1, with(store, "pass", "show", "SP-2026-NONE00"));
        run(failed, 2, "pass", "create", "--colour", "red");
        run(failed, 0, "--help");
        run(failed, 0, "pass", "--help");
        run(failed, 0, "help", "pass", "create");
        run(failed, 0, "--version");
        return failed.size();
    }

    private static String[] with(String[] store, String... args) {
        return Stream.concat(Stream.of(args), Stream.of(store)).toArray(String[]::new);
    }

    private static void run(List<String> failed, int expected, String... args) {
        CommandLine commandLine = SentinelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(Writer.nullWriter()));
        commandLine.setErr(new PrintWriter(Writer.nullWriter()));
        if (commandLine.execute(args) != expected) {
            failed.add(String.join(" ", args));
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        }
    }
}

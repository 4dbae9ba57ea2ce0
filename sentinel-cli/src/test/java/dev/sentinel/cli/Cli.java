package dev.sentinel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code sentinel} in-process with captured output, against one data directory. */
public final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dataDir;

    public Cli(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The outcome of one run. */
    public record Result(int exitCode, String out, String err) {

        public JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (java.io.IOException malformed) {
                throw new UncheckedIOException(malformed);
            }
        }
    }

    /** Runs the arguments as given, with no data directory added. */
    public static Result runRaw(String... args) {
        CommandLine commandLine = SentinelCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs the arguments with {@code --data-dir} appended. */
    public Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return runRaw(all.toArray(String[]::new));
    }

    /** Creates a pass in {@code demo} and returns the JSON printed (pass and credentials). */
    public JsonNode createPass(String... extra) {
        List<String> args = new ArrayList<>(List.of("pass", "create", "--project", "demo", "--name", "Test Agent",
                "--type", "Sourcing Agent"));
        args.addAll(Arrays.asList(extra));
        Result result = run(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("create failed: " + result.err());
        }
        return result.json();
    }

    public Path dataDir() {
        return dataDir;
    }
}

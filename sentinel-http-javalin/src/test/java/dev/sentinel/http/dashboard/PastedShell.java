package dev.sentinel.http.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs lines the dashboard shows to paste, as a person would: in bash, with curl, and returns what they print. */
final class PastedShell {

    static final Path BASH = Path.of("/bin/bash");
    static final Path CURL = Path.of("/usr/bin/curl");

    private PastedShell() {
    }

    /** Fails on CI (CI=true) when bash or curl is missing, since .ci/run installs them; skips elsewhere. */
    static void requireCurl() {
        boolean installed = Files.isExecutable(BASH) && Files.isExecutable(CURL);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + BASH + " or " + CURL + " is missing: .ci/run must install curl");
        }
        Assumptions.assumeTrue(installed, "bash and curl are needed to run the pasted lines (apt-get install curl)");
    }

    /** Runs {@code script} in bash with {@code environment} added; fails unless it exits 0 within 20 seconds. */
    static String run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        requireCurl();
        ProcessBuilder builder = new ProcessBuilder(BASH.toString(), "-c", script).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail("the pasted lines did not finish within 20 seconds: " + script);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assertions.assertEquals(0, process.exitValue(), () -> "the pasted lines failed: " + script + "\n" + output);
        return output;
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.SentinelProcesses.Finished;
import dev.sentinel.cli.SentinelProcesses.Via;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built jar prints beside its real output: a command that makes a new store says where and that no server
 * uses it yet; serve's log names its signing key readably; a first start leaves no H2 trace file behind.
 */
class ConsoleOutputIT {

    private static final String NEW_STORE = "sentinel: created a new store: H2 database in ";

    @TempDir
    Path work;

    @Test
    void aPassCreatedInANewStoreSaysWhereTheStoreIsAndThatNoServerUsesIt() throws Exception {
        Path dataDir = work.resolve("wrong folder").resolve("sentinel-data");
        try (SentinelProcesses sentinel = new SentinelProcesses(work, Via.JAR)) {
            Finished first = sentinel.run("pass", "create", "--project", "demo", "--name", "First Agent", "--type", "bot",
                    "--data-dir", dataDir.toString());
            Finished second = sentinel.run("pass", "create", "--project", "demo", "--name", "Second Agent", "--type",
                    "bot", "--data-dir", dataDir.toString());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err().lines().findFirst().orElseThrow()).isEqualTo(NEW_STORE + dataDir + "; no server uses "
                    + "it yet. If one is running, give this command the server's store (--data-dir or "
                    + "SENTINEL_DATA_DIR, or --db-url): its clients cannot use passes made here.");
            assertThat(first.out()).as("stdout holds only the credentials").startsWith("{").doesNotContain("new store");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.err()).as("the store exists now").doesNotContain("new store");
            assertThat(dataDir.resolve("sentinel.trace.db")).doesNotExist();
        }
    }

    @Test
    void aFirstStartNamesTheNewStoreLogsTheSigningKeyReadablyAndLeavesNoTraceFile() throws Exception {
        Path dataDir = work.resolve("data");
        try (SentinelProcesses sentinel = new SentinelProcesses(work, Via.JAR)) {
            String firstLog = serveAndStop(sentinel, dataDir);
            String secondLog = serveAndStop(sentinel, dataDir);

            assertThat(firstLog).contains(NEW_STORE + dataDir + "\n").doesNotContain("no server uses it");
            assertThat(firstLog).containsPattern("Sentinel listening on http://127\\.0\\.0\\.1:\\d+ \\(issuer \\S+\\), "
                    + "signing ES256 with key [A-Za-z0-9_-]{43} by \\w").doesNotContain("SigningKey[");
            assertThat(secondLog).doesNotContain("new store");
            // H2 writes each failed statement into sentinel.trace.db: a first start must run none
            assertThat(dataDir.resolve("sentinel.trace.db")).doesNotExist();
        }
    }

    /** Starts serve on the store, stops it with SIGTERM once it listens, and returns its stderr. */
    private String serveAndStop(SentinelProcesses sentinel, Path dataDir) throws Exception {
        Path out = Files.createTempFile(work, "serve", ".out");
        Path err = Files.createTempFile(work, "serve", ".err");
        Process server = sentinel.command("serve", "--port", "0", "--data-dir", dataDir.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("Press Ctrl-C to stop.")) {
                assertThat(server.isAlive()).as(Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("serve did not start within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            server.destroy(); // SIGTERM: the graceful stop
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return Files.readString(err);
        } finally {
            server.destroyForcibly();
        }
    }
}

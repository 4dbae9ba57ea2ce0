package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.port.out.StorageSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer in another JVM is killed with SIGKILL mid-stream: every record it acknowledged is in the H2 file
 * afterwards, and the database opens cleanly. While the writer runs, this JVM reads the same file (AUTO_SERVER), as
 * the CLI does beside a running server.
 */
class DurabilityAfterKillTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitSurvivesKillMinus9() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityWriter.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long acknowledged = 0;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean readWhileRunning = false;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    acknowledged = Long.parseLong(line.substring("committed ".length()));
                }
                if (!readWhileRunning && acknowledged >= 10) {
                    assertSharedAccessWhileWriterRuns(acknowledged);
                    readWhileRunning = true;
                }
                if (acknowledged >= ACKNOWLEDGED_BEFORE_KILL) {
                    writer.destroyForcibly();
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(writer.isAlive()).isFalse();
        assertThat(acknowledged).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (JdbiStorage reopened = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            long last = acknowledged;
            for (long record = 1; record <= last; record++) {
                long number = record;
                assertThat(reopened.read((StorageSession session) -> session.settings().get(DurabilityWriter.key(number))))
                        .as("record %d", number).contains("committed");
            }
            long events = reopened.read((StorageSession session) -> session.activity().count(ActivityFilter.all(DurabilityWriter.PASS)));
            assertThat(events).isGreaterThanOrEqualTo(last * DurabilityWriter.EVENTS_PER_RECORD);
            reopened.inTransaction(session -> {
                session.settings().put("after.kill", "writable");
                return null;
            });
            assertThat(reopened.read((StorageSession session) -> session.settings().get("after.kill"))).contains("writable");
        }
    }

    private void assertSharedAccessWhileWriterRuns(long acknowledged) {
        try (JdbiStorage beside = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            assertThat(beside.read((StorageSession session) -> session.settings().get(DurabilityWriter.key(acknowledged))))
                    .contains("committed");
        }
    }
}

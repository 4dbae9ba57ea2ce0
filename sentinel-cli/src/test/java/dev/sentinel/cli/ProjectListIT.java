package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel project list} through the launcher and the built jar: projects made by {@code pass create} are
 * listed by name with their pass counts, and the activity a running server records shows up as the last activity.
 */
class ProjectListIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    private SentinelProcesses sentinel;

    @BeforeEach
    void processes() {
        sentinel = new SentinelProcesses(work, SentinelProcesses.Via.LAUNCHER);
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        sentinel.close();
    }

    @Test
    void listsProjectsMadeByTheCliWithCountsAndTheServersActivity() throws Exception {
        String dataDir = work.resolve("data").toString();
        JsonNode acme = MAPPER.readTree(create("acme", "Invoice Bot", dataDir).out());
        create("acme", "Ledger Bot", dataDir);
        create("Zeta-ops", "Watcher", dataDir);

        SentinelProcesses.Finished table = sentinel.run("project", "list", "--data-dir", dataDir);
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PROJECT").contains("PASSES", "LAST ACTIVITY (UTC)");
        assertThat(lines.get(1).split("\\s+")).containsExactly("Zeta-ops", "1", "never");
        assertThat(lines.get(2).split("\\s+")).containsExactly("acme", "2", "never");

        Instant before = Instant.now();
        URI base = sentinel.serve(Map.of(), "--data-dir", dataDir);
        HttpResponse<String> granted = sentinel.grant(base, acme.get("credentials").get("client_id").asText(),
                acme.get("credentials").get("client_secret").asText());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);

        JsonNode listed = awaitActivity(dataDir, "acme");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("Zeta-ops");
        assertThat(listed.get(0).get("last_activity").isNull()).isTrue();
        assertThat(listed.get(1).get("name").asText()).isEqualTo("acme");
        assertThat(listed.get(1).get("passes").asInt()).isEqualTo(2);
        assertThat(Instant.parse(listed.get(1).get("last_activity").asText())).isAfterOrEqualTo(before.minusSeconds(1));
    }

    /** The recorder writes in batches behind the request, so the list is read until the grant's event is stored. */
    private JsonNode awaitActivity(String dataDir, String project) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            SentinelProcesses.Finished listed = sentinel.run("project", "list", "--json", "--data-dir", dataDir);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            JsonNode json = MAPPER.readTree(listed.out());
            for (JsonNode item : json) {
                if (item.get("name").asText().equals(project) && !item.get("last_activity").isNull()) {
                    return json;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no activity of " + project + " listed within 60 s: " + listed.out());
            }
            Thread.sleep(250);
        }
    }

    private SentinelProcesses.Finished create(String project, String name, String dataDir) throws Exception {
        SentinelProcesses.Finished created = sentinel.run("pass", "create", "--project", project, "--name", name,
                "--type", "bot", "--data-dir", dataDir);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return created;
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel alert list} through the built jar: a pass valid 5 more days, an expiry rule made over the running
 * server's API, the server's own evaluation (housekeeping) fires the alert, and the CLI lists it as a table and JSON.
 */
class AlertListIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN = "alert-list-admin-token-0123456789abcdef";

    @TempDir
    Path work;

    private SentinelProcesses sentinel;

    @BeforeEach
    void processes() {
        sentinel = new SentinelProcesses(work, SentinelProcesses.Via.JAR);
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        sentinel.close();
    }

    @Test
    void listsTheExpiryAlertTheServerFired() throws Exception {
        String dataDir = work.resolve("data").toString();
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(4).toString();
        SentinelProcesses.Finished created = sentinel.run("pass", "create", "--project", "fleet", "--name", "Bot",
                "--type", "bot", "--valid-until", until, "--data-dir", dataDir);
        assertThat(created.exitCode()).as(created.err()).isZero();
        String passId = MAPPER.readTree(created.out()).findValue("pass_id").asText();

        SentinelProcesses.Finished none = sentinel.run("alert", "list", "--data-dir", dataDir);
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out().strip()).isEqualTo("No open alerts.");

        URI base = sentinel.serve(Map.of("SENTINEL_ADMIN_TOKEN", ADMIN), "--data-dir", dataDir);
        HttpResponse<String> rule = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/projects/fleet/alert-rules")).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"pass.expiring\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);

        JsonNode alerts = awaitAlerts(dataDir);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("kind").asText()).isEqualTo("pass.expiring");
        assertThat(alerts.get(0).path("pass_id").asText()).isEqualTo(passId);
        assertThat(alerts.get(0).path("stage").asText()).isEqualTo("7d");

        SentinelProcesses.Finished table = sentinel.run("alert", "list", "--data-dir", dataDir);
        assertThat(table.out().lines().toList()).hasSize(2);
        assertThat(table.out().lines().toList().get(0)).startsWith("FIRED (UTC)").contains("KIND", "PASS", "STATE");
        assertThat(table.out().lines().toList().get(1)).contains("pass.expiring", "7d", "fleet", passId, "open");
    }

    /** The server evaluates 10 seconds after it starts, then every 30 seconds. */
    private JsonNode awaitAlerts(String dataDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            SentinelProcesses.Finished listed = sentinel.run("alert", "list", "--json", "--data-dir", dataDir);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            JsonNode json = MAPPER.readTree(listed.out());
            if (json.size() > 0 || System.nanoTime() > deadline) {
                return json;
            }
            Thread.sleep(1000);
        }
    }
}

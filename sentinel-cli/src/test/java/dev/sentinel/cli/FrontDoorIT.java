package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door through the built jar: {@code serve}'s throttling options against a client guessing a secret, and
 * output that cannot be turned against its reader — an ingested endpoint full of terminal escapes printed by
 * {@code activity list}, and a CSV export whose cells hold formulas between list separators.
 */
class FrontDoorIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN = "front-door-admin-token-0123456789abcdef";

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
    void serveThrottlesAGuessedSecretWithItsConfiguredLimit() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(sentinel.run("pass", "create", "--project", "door", "--name", "Door Agent",
                "--type", "Tester", "--data-dir", dataDir.toString()).out());
        String clientId = created.get("credentials").get("client_id").asText();
        String secret = created.get("credentials").get("client_secret").asText();
        String wrong = secret.substring(0, 10) + (secret.charAt(10) == 'a' ? 'b' : 'a') + secret.substring(11);

        URI base = sentinel.serve(Map.of(), "--data-dir", dataDir.toString(), "--client-failure-limit", "2/1m");
        assertThat(sentinel.grant(base, clientId, wrong).statusCode()).isEqualTo(401);
        assertThat(sentinel.grant(base, clientId, wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> throttled = sentinel.grant(base, clientId, secret);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds ->
                assertThat(seconds).isBetween(1L, 30L));
        assertThat(MAPPER.readTree(throttled.body()).get("error").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void aLimitThatIsNotOneIsRefusedNamingTheOption() throws Exception {
        SentinelProcesses.Finished refused = sentinel.run("serve", "--port", "0", "--data-dir",
                work.resolve("data").toString(), "--address-failure-limit", "50");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--address-failure-limit").contains("10/1m");
    }

    @Test
    void terminalEscapesInActivityNeverReachTheOperatorsTerminalAndCsvPiecesCannotBeFormulas() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(sentinel.run("pass", "create", "--project", "door", "--name", "Door Agent",
                "--type", "Tester", "--data-dir", dataDir.toString()).out());
        String passId = created.get("pass").get("pass_id").asText();
        URI base = sentinel.serve(Map.of("SENTINEL_ADMIN_TOKEN", ADMIN), "--data-dir", dataDir.toString());
        String hostile = "/v1/\u001b]0;pwned\u0007\u001b[2J\r\u009b31m\u202eorders;=1+2;bar";
        String batch = MAPPER.writeValueAsString(List.of(java.util.Map.of("pass_id", passId, "type", "api_request",
                "started_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "endpoint", hostile,
                "http_method", "GET", "success", false, "status_code", 500, "duration_ms", 5,
                "error_message", "\u001b[31mred\u001b[0m")));
        HttpResponse<String> ingested = sentinel.http().send(HttpRequest.newBuilder(base.resolve("/api/v1/activity"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

        SentinelProcesses.Finished listed = sentinel.run("activity", "list", passId, "--data-dir", dataDir.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("orders").doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\r").doesNotContain("\u009b").doesNotContain("\u202e");

        Path csv = work.resolve("activity.csv");
        SentinelProcesses.Finished exported = sentinel.run("activity", "export", passId, "--format", "csv", "--out",
                csv.toString(), "--data-dir", dataDir.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        String content = Files.readString(csv);
        assertThat(content).contains(";'=1+2;bar").doesNotContain(";=1+2");
    }
}

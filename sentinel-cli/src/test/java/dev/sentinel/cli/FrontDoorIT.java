package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serveThrottlesAGuessedSecretWithItsConfiguredLimit() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(run("pass", "create", "--project", "door", "--name", "Door Agent", "--type",
                "Tester", "--data-dir", dataDir.toString()).out());
        String clientId = created.get("credentials").get("client_id").asText();
        String secret = created.get("credentials").get("client_secret").asText();
        String wrong = secret.substring(0, 10) + (secret.charAt(10) == 'a' ? 'b' : 'a') + secret.substring(11);

        URI base = start(dataDir, "--client-failure-limit", "2/1m");
        assertThat(grant(base, clientId, wrong).statusCode()).isEqualTo(401);
        assertThat(grant(base, clientId, wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> throttled = grant(base, clientId, secret);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds ->
                assertThat(seconds).isBetween(1L, 30L));
        assertThat(MAPPER.readTree(throttled.body()).get("error").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void aLimitThatIsNotOneIsRefusedNamingTheOption() throws Exception {
        Finished refused = run("serve", "--port", "0", "--data-dir", work.resolve("data").toString(),
                "--address-failure-limit", "50");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--address-failure-limit").contains("10/1m");
    }

    @Test
    void terminalEscapesInActivityNeverReachTheOperatorsTerminalAndCsvPiecesCannotBeFormulas() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(run("pass", "create", "--project", "door", "--name", "Door Agent", "--type",
                "Tester", "--data-dir", dataDir.toString()).out());
        String passId = created.get("pass").get("pass_id").asText();
        URI base = start(dataDir);
        String hostile = "/v1/\u001b]0;pwned\u0007\u001b[2J\r\u009b31m\u202eorders;=1+2;bar";
        String batch = MAPPER.writeValueAsString(List.of(java.util.Map.of("pass_id", passId, "type", "api_request",
                "started_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "endpoint", hostile,
                "http_method", "GET", "success", false, "status_code", 500, "duration_ms", 5,
                "error_message", "\u001b[31mred\u001b[0m")));
        HttpResponse<String> ingested = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/activity"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

        Finished listed = run("activity", "list", passId, "--data-dir", dataDir.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("orders").doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\r").doesNotContain("\u009b").doesNotContain("\u202e");

        Path csv = work.resolve("activity.csv");
        Finished exported = run("activity", "export", passId, "--format", "csv", "--out", csv.toString(),
                "--data-dir", dataDir.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        String content = Files.readString(csv);
        assertThat(content).contains(";'=1+2;bar").doesNotContain(";=1+2");
    }

    private HttpResponse<String> grant(URI base, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(base.resolve("/oauth/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI start(Path dataDir, String... options) throws Exception {
        int port = BuiltJar.freePort();
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(options));
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        ProcessBuilder serve = sentinel(args.toArray(String[]::new));
        serve.environment().put("SENTINEL_ADMIN_TOKEN", ADMIN);
        server = serve.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("listening on ")) {
                return URI.create("http://127.0.0.1:" + port);
            }
            if (!server.isAlive()) {
                throw new AssertionError("serve exited with " + server.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start within 60 s: " + Files.readString(err));
    }

    private record Finished(int exitCode, String out, String err) {
    }

    private Finished run(String... args) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = sentinel(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sentinel " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private ProcessBuilder sentinel(String... args) {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }
}

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel project list} through the launcher and the built jar: projects made by {@code pass create} are
 * listed by name with their pass counts, and the activity a running server records shows up as the last activity.
 */
class ProjectListIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"));

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
    void listsProjectsMadeByTheCliWithCountsAndTheServersActivity() throws Exception {
        String dataDir = work.resolve("data").toString();
        JsonNode acme = MAPPER.readTree(create("acme", "Invoice Bot", dataDir).out());
        create("acme", "Ledger Bot", dataDir);
        create("Zeta-ops", "Watcher", dataDir);

        Finished table = sentinel("project", "list", "--data-dir", dataDir);
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PROJECT").contains("PASSES", "LAST ACTIVITY (UTC)");
        assertThat(lines.get(1).split("\\s+")).containsExactly("Zeta-ops", "1", "never");
        assertThat(lines.get(2).split("\\s+")).containsExactly("acme", "2", "never");

        Instant before = Instant.now();
        URI base = startServer(dataDir);
        HttpResponse<String> granted = requestToken(base, acme.get("credentials").get("client_id").asText(),
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
            Finished listed = sentinel("project", "list", "--json", "--data-dir", dataDir);
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

    private Finished create(String project, String name, String dataDir) throws Exception {
        Finished created = sentinel("pass", "create", "--project", project, "--name", name, "--type", "bot",
                "--data-dir", dataDir);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return created;
    }

    private URI startServer(String dataDir) throws Exception {
        int port = BuiltJar.freePort();
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        server = launcher("serve", "--port", Integer.toString(port), "--data-dir", dataDir)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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

    private HttpResponse<String> requestToken(URI base, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private record Finished(int exitCode, String out, String err) {
    }

    private Finished sentinel(String... args) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = launcher(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sentinel " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toAbsolutePath().normalize().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }
}

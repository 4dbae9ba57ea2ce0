package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the launcher script and the built jar: a pass created by the CLI gets a token from a running
 * {@code sentinel serve}; once the CLI revokes it, the same server refuses it. Runs in {@code verify}, after
 * {@code package}; failsafe sets {@code SENTINEL_JAR} so the script runs the jar just built.
 */
class SentinelLauncherIT {

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
    void revokedPassIsRefusedByTheRunningServer() throws Exception {
        Path dataDir = work.resolve("data");
        Finished created = sentinel("pass", "create", "--project", "e2e", "--name", "E2E Agent", "--type", "Tester",
                "--data-dir", dataDir.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode json = MAPPER.readTree(created.out());
        String passId = json.get("pass").get("pass_id").asText();
        String clientId = json.get("credentials").get("client_id").asText();
        String secret = json.get("credentials").get("client_secret").asText();

        URI base = startServer(dataDir);
        HttpResponse<String> granted = requestToken(base, clientId, secret);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(granted.body()).get("access_token").asText()).isNotBlank();

        Finished revoked = sentinel("pass", "revoke", passId, "--data-dir", dataDir.toString());
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();

        HttpResponse<String> refused = requestToken(base, clientId, secret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void configuredAdminAndIngestTokensShorterThan32CharactersAreRefusedAtStart() throws Exception {
        for (String variable : List.of("SENTINEL_ADMIN_TOKEN", "SENTINEL_INGEST_TOKEN")) {
            ProcessBuilder serve = launcher("serve", "--port", "0", "--data-dir", work.resolve("data").toString());
            serve.environment().put(variable, "only-twenty-four-chars-x");
            Path err = Files.createTempFile(work, "err", ".txt");
            Process process = serve.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).isEqualTo(1);
            String name = variable.equals("SENTINEL_ADMIN_TOKEN") ? "admin token" : "ingest token";
            assertThat(Files.readString(err)).contains("the " + name + " must have at least 32 characters")
                    .contains("openssl rand -hex 32").doesNotContain("only-twenty-four-chars-x");
        }
    }

    @Test
    void theJarSignsNativelyLogsAndServesMetricsBehindTheConfiguredToken() throws Exception {
        String metricsToken = "launcher-metrics-token-0123456789abcdef";
        URI base = startServer(work.resolve("metrics-data"), metricsToken);

        HttpResponse<String> open = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .header("Authorization", "Bearer " + metricsToken).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(open.statusCode()).isEqualTo(401);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("sentinel_token_grants_total{result=\"invalid_client\"} 0.0")
                .contains("jvm_memory_used_bytes");
        String log = Files.readString(work.resolve("serve.err"));
        assertThat(log).as("the logging backend is bundled").contains("Sentinel listening on");
        boolean linuxX8664 = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        if (linuxX8664) {
            assertThat(log).as("the jar bundles the native signer that core leaves optional")
                    .contains("AmazonCorrettoCryptoProvider");
        }
    }

    @Test
    void versionAndHelpRunThroughTheLauncher() throws Exception {
        Finished version = sentinel("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("sentinel ");

        Finished unknown = sentinel("pass", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);
    }

    private URI startServer(Path dataDir) throws Exception {
        return startServer(dataDir, null);
    }

    private URI startServer(Path dataDir, String metricsToken) throws Exception {
        int port = freePort();
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        ProcessBuilder serve = launcher("serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString());
        if (metricsToken != null) {
            serve.environment().put("SENTINEL_METRICS_TOKEN", metricsToken);
        }
        server = serve.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(out);
            if (printed.contains("listening on ")) {
                assertThat(printed).contains("http://127.0.0.1:" + port);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

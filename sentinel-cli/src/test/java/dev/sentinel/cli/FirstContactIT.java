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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first contact through the built jar: {@code serve} announces the dashboard and the next steps, and the commands it
 * prints work as printed (the pass command through the launcher, the token request through curl); {@code admin-token
 * rotate} beside a running server replaces its admin token within the documented bound.
 */
class FirstContactIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"));
    private static final Pattern ADMIN_TOKEN = Pattern.compile("Admin token \\(generated; shown only this once, store it "
            + "now\\): (sat_[A-Za-z0-9_-]{43})");
    private static final int REFRESH_SECONDS = 5;

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
    void serveAnnouncesTheDashboardAndNextStepsThatWorkAsPrinted() throws Exception {
        Path dataDir = work.resolve("my data");
        int port = BuiltJar.freePort();
        List<String> announced = start(dataDir, port);
        String base = "http://127.0.0.1:" + port;

        int listening = indexOf(announced, "Sentinel ");
        assertThat(announced.get(listening)).endsWith("listening on " + base);
        assertThat(announced.subList(listening, announced.size())).hasSizeLessThanOrEqualTo(6);
        assertThat(announced.get(announced.size() - 1)).isEqualTo("Press Ctrl-C to stop.");
        String dashboard = line(announced, "Dashboard: ");
        assertThat(dashboard).isEqualTo("Dashboard: " + base + "/ (sign in with the admin token)");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("html"));

        String create = after(line(announced, "Next, in another terminal: create a pass with  "), "with  ");
        assertThat(create).startsWith("./sentinel pass create ").contains("--data-dir '" + dataDir + "'");
        Finished created = shell(create.replaceFirst("^\\./sentinel", "'" + LAUNCHER.toAbsolutePath().normalize() + "'"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode credentials = MAPPER.readTree(created.out()).get("credentials");

        String curl = after(line(announced, "then get an access token with  "), "with  ");
        Finished token = shell(curl.replace("CLIENT_ID", credentials.get("client_id").asText())
                .replace("CLIENT_SECRET", credentials.get("client_secret").asText()) + " --silent --show-error");
        assertThat(token.exitCode()).as(token.err()).isZero();
        JsonNode granted = MAPPER.readTree(token.out());
        assertThat(granted.get("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(granted.get("access_token").asText()).contains(".");
    }

    @Test
    void adminTokenRotateBesideARunningServerReplacesItsTokenWithinTheBound() throws Exception {
        Path dataDir = work.resolve("data");
        int port = BuiltJar.freePort();
        List<String> announced = start(dataDir, port);
        URI base = URI.create("http://127.0.0.1:" + port);
        Matcher generated = ADMIN_TOKEN.matcher(String.join("\n", announced));
        assertThat(generated.find()).as(String.join("\n", announced)).isTrue();
        String old = generated.group(1);
        assertThat(projects(base, old)).isEqualTo(200);

        ProcessBuilder rotate = jar("admin-token", "rotate", "--json", "--data-dir", dataDir.toString());
        rotate.environment().put("SENTINEL_ADMIN_TOKEN", "a-configured-admin-token-0123456789abcdef");
        Finished rotated = run(rotate);

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        String fresh = MAPPER.readTree(rotated.out()).get("admin_token").asText();
        assertThat(fresh).startsWith("sat_").isNotEqualTo(old);
        assertThat(rotated.err()).contains("warning: SENTINEL_ADMIN_TOKEN is set in this environment")
                .contains("ignore the stored token").doesNotContain(fresh);
        assertThat(statusWithin(base, fresh, 200, Duration.ofSeconds(REFRESH_SECONDS))).isEqualTo(200);
        assertThat(statusWithin(base, old, 401, Duration.ofSeconds(REFRESH_SECONDS + 1))).isEqualTo(401);
        assertThat(projects(base, fresh)).isEqualTo(200);
    }

    private List<String> start(Path dataDir, int port) throws Exception {
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        server = jar("serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--admin-failure-limit", "off").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (printed.contains("Press Ctrl-C to stop.")) {
                return printed.lines().toList();
            }
            if (!server.isAlive()) {
                throw new AssertionError("serve exited with " + server.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start within 60 s: " + Files.readString(err));
    }

    private int statusWithin(URI base, String token, int wanted, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = projects(base, token);
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = projects(base, token);
        }
        return status;
    }

    private int projects(URI base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/projects"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in: " + lines);
    }

    private static String line(List<String> lines, String prefix) {
        return lines.get(indexOf(lines, prefix));
    }

    private static String after(String line, String marker) {
        return line.substring(line.indexOf(marker) + marker.length());
    }

    private record Finished(int exitCode, String out, String err) {
    }

    /** Runs one printed command line through {@code sh}, as a user pasting it would. */
    private Finished shell(String commandLine) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", commandLine).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return run(builder);
    }

    private Finished run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }
}

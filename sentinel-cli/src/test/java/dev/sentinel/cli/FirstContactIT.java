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
import java.nio.file.attribute.PosixFilePermissions;
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
 * A first contact through the built jar: {@code serve} announces the dashboard and the next steps, and the two lines it
 * prints run as printed, pasted into bash in another directory (an {@code eval} of {@code pass create --format env}
 * through the launcher or the jar that started serve, then curl with those variables, trusting the certificate with
 * TLS) and get a token; {@code admin-token rotate} beside a running server replaces its admin token within the
 * documented bound.
 */
class FirstContactIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"));
    private static final Pattern SETUP_LINK = Pattern.compile("^  (http://127\\.0\\.0\\.1:\\d+)/setup#token=(sst_\\S+)$",
            Pattern.MULTILINE);
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
    void serveAnnouncesTheDashboardAndNextStepsThatRunAsPrintedFromAnotherDirectory() throws Exception {
        Path dataDir = work.resolve("my data");
        int port = BuiltJar.freePort();
        List<String> announced = start(launcher("serve", "--port", Integer.toString(port), "--data-dir",
                dataDir.toString(), "--admin-failure-limit", "off"));
        String base = "http://127.0.0.1:" + port;

        int listening = indexOf(announced, "Sentinel ");
        assertThat(announced.get(listening)).endsWith("listening on " + base);
        assertThat(announced.subList(listening, announced.size())).hasSizeLessThanOrEqualTo(8);
        assertThat(announced.get(announced.size() - 1)).isEqualTo("Press Ctrl-C to stop.");
        String dashboard = line(announced, "Dashboard: ");
        assertThat(dashboard).isEqualTo("Dashboard: " + base + "/");
        assertTheFirstRunLinkCreatesTheOwnerOnce(announced, base);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("html"));

        List<String> steps = nextSteps(announced);
        assertThat(steps.get(0)).as("the launcher by its real path, and serve's store")
                .startsWith("  eval \"$(" + LAUNCHER.toAbsolutePath().normalize() + " pass create ")
                .endsWith(" --format env --data-dir '" + dataDir + "')\"");
        assertThat(steps.get(1)).startsWith("  curl -u \"$SENTINEL_CLIENT_ID:$SENTINEL_CLIENT_SECRET\" ")
                .endsWith(" " + base + "/oauth/token");
        assertGetsAToken(runAsPasted(steps));
    }

    @Test
    void withTlsTheNextStepsRunTheJarAsStartedAndCurlTrustsTheCertificate() throws Exception {
        TestTls tls = TestTls.issue(7);
        Path cert = tls.writeCertificate(work.resolve("cert.pem"));
        Path key = tls.writeKey(work.resolve("key.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        int port = BuiltJar.freePort();
        List<String> announced = start(jar("serve", "--port", Integer.toString(port), "--data-dir",
                work.resolve("data").toString(), "--tls-cert", cert.toString(), "--tls-key", key.toString()));

        List<String> steps = nextSteps(announced);
        assertThat(steps.get(0)).as("java -jar of the jar serve runs")
                .startsWith("  eval \"$(" + BuiltJar.java() + " -jar " + Path.of(BuiltJar.jar()).toAbsolutePath() + " ");
        assertThat(steps.get(1)).startsWith("  curl --cacert " + cert + " -u ")
                .endsWith(" https://127.0.0.1:" + port + "/oauth/token");
        assertGetsAToken(runAsPasted(steps));
    }

    /** The two shell lines after "Next, …", as printed. */
    /** The printed link, used through the page's endpoint as the page uses it: once it works, twice it is refused. */
    private void assertTheFirstRunLinkCreatesTheOwnerOnce(List<String> announced, String base) throws Exception {
        Matcher link = SETUP_LINK.matcher(String.join("\n", announced));
        assertThat(link.find()).as(String.join("\n", announced)).isTrue();
        assertThat(link.group(1)).isEqualTo(base);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/setup")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String body = MAPPER.writeValueAsString(java.util.Map.of("token", link.group(2), "email", "root@example.com",
                "password", "a long walk by the river"));
        HttpRequest setup = HttpRequest.newBuilder(URI.create(base + "/api/v1/setup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> created = http.send(setup, HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(created.body()).get("owner").asBoolean()).isTrue();
        assertThat(http.send(setup, HttpResponse.BodyHandlers.ofString()).statusCode()).as("used once").isEqualTo(400);
    }

    private static List<String> nextSteps(List<String> announced) {
        int next = indexOf(announced, "Next, in another terminal: create a pass, then get an access token with its "
                + "credentials:");
        return announced.subList(next + 1, next + 3);
    }

    /** The lines as a user pastes them into bash in another terminal, in another directory. */
    private Finished runAsPasted(List<String> lines) throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", String.join("\n", lines)).directory(elsewhere.toFile());
        bash.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        Finished finished = run(bash);
        try (var left = Files.list(elsewhere)) {
            assertThat(left.toList()).as("nothing is made in the directory the lines run in").isEmpty();
        }
        return finished;
    }

    private static void assertGetsAToken(Finished token) throws Exception {
        assertThat(token.exitCode()).as(token.err()).isZero();
        JsonNode granted = MAPPER.readTree(token.out());
        assertThat(granted.get("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(granted.get("access_token").asText()).contains(".");
    }

    @Test
    void adminTokenRotateBesideARunningServerReplacesItsTokenWithinTheBound() throws Exception {
        Path dataDir = work.resolve("data");
        int port = BuiltJar.freePort();
        List<String> announced = start(jar("serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--admin-failure-limit", "off"));
        URI base = URI.create("http://127.0.0.1:" + port);
        assertThat(String.join("\n", announced)).as("the first run shows a set-up link, no admin token")
                .doesNotContain("sat_");
        Finished first = run(jar("admin-token", "rotate", "--json", "--data-dir", dataDir.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        String old = MAPPER.readTree(first.out()).get("admin_token").asText();
        assertThat(statusWithin(base, old, 200, Duration.ofSeconds(REFRESH_SECONDS))).isEqualTo(200);

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

    private List<String> start(ProcessBuilder serve) throws Exception {
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        server = serve.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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

    private ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().normalize().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }

    private ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }
}

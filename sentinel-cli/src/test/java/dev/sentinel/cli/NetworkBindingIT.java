package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network binding through the built jar: {@code pass create --allowed-ips}, {@code serve} without and with trusted
 * proxies ({@code SENTINEL_TRUSTED_PROXIES}; a malformed {@code --trusted-proxies} is refused), spoofed and genuine
 * forwarding headers, {@code pass allowed-ips} and {@code pass show}.
 */
class NetworkBindingIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN = "network-binding-admin-token-0123456789";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBoundPassIsRefusedFromOutsideAndServedThroughATrustedProxyOnly() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(run(0, "pass", "create", "--project", "net", "--name", "Bound Agent",
                "--type", "bot", "--allowed-ips", "10.0.0.0/8", "--data-dir", dataDir.toString()).out());
        String passId = created.at("/pass/pass_id").asText();
        assertThat(created.at("/pass/allowed_ips/0").asText()).isEqualTo("10.0.0.0/8");
        String form = "grant_type=client_credentials&client_id=" + created.at("/credentials/client_id").asText()
                + "&client_secret=" + URLEncoder.encode(created.at("/credentials/client_secret").asText(),
                StandardCharsets.UTF_8);

        int direct = BuiltJar.freePort();
        Process untrusting = serve(direct, "direct", java.util.Map.of(), "--data-dir", dataDir.toString());
        try {
            assertThat(grant(direct, form).statusCode()).isEqualTo(401);
            HttpResponse<String> spoofed = grant(direct, form, "X-Forwarded-For", "10.1.2.3");
            assertThat(spoofed.statusCode()).isEqualTo(401);
            assertThat(MAPPER.readTree(spoofed.body()).path("error").asText()).isEqualTo("invalid_client");
        } finally {
            stop(untrusting);
        }

        int proxied = BuiltJar.freePort();
        Process trusting = serve(proxied, "proxied", java.util.Map.of("SENTINEL_TRUSTED_PROXIES", "127.0.0.1/32"),
                "--data-dir", dataDir.toString());
        try {
            assertThat(Files.readString(work.resolve("proxied.log"))).contains("trusted proxies 127.0.0.1/32");
            assertThat(grant(proxied, form, "X-Forwarded-For", "10.1.2.3, 127.0.0.1").statusCode()).isEqualTo(200);
            assertThat(grant(proxied, form, "Forwarded", "for=10.9.9.9;proto=https").statusCode()).isEqualTo(200);
            assertThat(grant(proxied, form, "X-Forwarded-For", "10.1.2.3, 203.0.113.9").statusCode()).isEqualTo(401);
        } finally {
            stop(trusting);
        }

        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            List<ActivityEvent> events = storage.read((StorageSession session) -> session.activity()
                    .find(ActivityFilter.all(new PassId(passId)), new PageRequest(1, 100)).items());
            assertThat(events).filteredOn(ActivityEvent::success).extracting(event -> event.clientIp().orElse(""))
                    .containsExactlyInAnyOrder("10.1.2.3", "10.9.9.9");
            // three refusals: the first of the minute recorded as it came, the others in the same minute counted
            // into summaries (failed authentications are aggregated per pass and minute)
            List<ActivityEvent> refused = events.stream().filter(event -> !event.success()).toList();
            assertThat(refused.stream().mapToInt(ActivityEvent::attempts).sum()).isEqualTo(3);
            assertThat(refused).extracting(event -> event.errorMessage().orElse(""))
                    .anyMatch(message -> message.endsWith("address_not_allowed: address 127.0.0.1 not in allowed_ips"))
                    .anyMatch(message -> message.endsWith("address_not_allowed: address 203.0.113.9 not in allowed_ips"));
        }

        Result malformed = run(1, "pass", "allowed-ips", passId, "--set", "10.0.0.0/33", "--data-dir", dataDir.toString());
        assertThat(malformed.err()).contains("allowed_ips (--set): 10.0.0.0/33: prefix length must be 0-32");
        assertThat(run(0, "pass", "allowed-ips", passId, "--set", "127.0.0.0/8,2001:db8::/32", "--data-dir",
                dataDir.toString()).out()).contains("may now be used from 127.0.0.0/8, 2001:db8::/32");
        assertThat(run(0, "pass", "show", passId, "--data-dir", dataDir.toString()).out())
                .containsPattern("Allowed networks\\s+127.0.0.0/8, 2001:db8::/32");
        assertThat(run(0, "pass", "allowed-ips", passId, "--clear", "--data-dir", dataDir.toString()).out())
                .contains("may now be used from any address");
    }

    @Test
    void serveRefusesAMalformedTrustedProxyNamingIt() throws Exception {
        Result refused = run(2, "serve", "--port", "0", "--data-dir", work.resolve("data").toString(),
                "--trusted-proxies", "127.0.0.1/32,10.0.0.0/33");

        assertThat(refused.err()).contains("--trusted-proxies: trusted_proxies: 10.0.0.0/33: prefix length must be 0-32");
    }

    private HttpResponse<String> grant(int port, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process serve(int port, String name, java.util.Map<String, String> env, String... options) throws Exception {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar(), "serve", "--port",
                Integer.toString(port)));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("SENTINEL_"));
        builder.environment().put("SENTINEL_ADMIN_TOKEN", ADMIN);
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Press Ctrl-C to stop.")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private record Result(String out, String err) {
    }

    private Result run(int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("SENTINEL_"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("err.txt"));
        assertThat(process.exitValue()).as(out + err).isEqualTo(expectedExit);
        return new Result(out, err);
    }
}

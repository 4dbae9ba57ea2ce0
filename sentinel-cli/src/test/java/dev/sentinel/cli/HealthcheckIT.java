package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel healthcheck} through the built jar, against a real {@code serve} over HTTP and HTTPS: 0 when ready;
 * 1 with a one-line reason when nothing listens, when the answer is not "ready", and when the HTTPS server is not the
 * one it must trust; the default target taken from serve's own env variables.
 */
class HealthcheckIT {

    private static final String ADMIN = "healthcheck-it-admin-token-0123456789abc";

    @TempDir
    Path work;

    private SentinelProcesses sentinel;
    private final List<HttpServer> standIns = new ArrayList<>();

    @BeforeEach
    void processes() {
        sentinel = new SentinelProcesses(work, SentinelProcesses.Via.JAR);
    }

    @AfterEach
    void stop() throws InterruptedException {
        sentinel.close();
        standIns.forEach(server -> server.stop(0));
    }

    @Test
    void aReadyServerIsHealthyByUrlAndByServesOwnEnvironment() throws Exception {
        URI base = sentinel.serve(Map.of("SENTINEL_ADMIN_TOKEN", ADMIN), "--data-dir", work.resolve("data").toString());

        SentinelProcesses.Finished byUrl = healthcheck(Map.of(), "--url", base.toString());
        SentinelProcesses.Finished byEnv = healthcheck(Map.of("SENTINEL_PORT", Integer.toString(base.getPort()),
                "SENTINEL_HOST", "0.0.0.0"));
        SentinelProcesses.Finished liveness = healthcheck(Map.of(), "--url", base + "/healthz");

        assertThat(byUrl.exitCode()).as(byUrl.err()).isZero();
        assertThat(byUrl.out().strip()).isEqualTo("ready: " + base + "/readyz answered 200");
        assertThat(byUrl.err()).isEmpty();
        assertThat(byEnv.exitCode()).as(byEnv.err()).isZero();
        assertThat(byEnv.out()).contains("ready: http://127.0.0.1:" + base.getPort() + "/readyz");
        assertThat(liveness.exitCode()).as("/healthz answers {\"status\": \"ok\"}, not ready").isEqualTo(1);
        assertThat(liveness.err().strip()).isEqualTo("error: not ready: " + base + "/healthz answered 200 (ok)");
    }

    @Test
    void nothingListeningIsUnhealthyWithTheAddressNamed() throws Exception {
        int closed = BuiltJar.freePort();

        SentinelProcesses.Finished refused = healthcheck(Map.of("SENTINEL_PORT", Integer.toString(closed)));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip()).isEqualTo("error: not ready: cannot connect to 127.0.0.1:" + closed
                + " (connection refused)");
        assertThat(work.resolve("sentinel-data")).as("the health check opens no store").doesNotExist();
    }

    @Test
    void anAnswerOtherThanReadyIsUnhealthy() throws Exception {
        // Stand-ins for a server whose store is down (serve answers exactly this) and for another service on the port.
        URI unavailable = standIn(503, "{\"status\":\"unavailable\"}");
        URI notSentinel = standIn(200, "<html>welcome</html>");

        SentinelProcesses.Finished down = healthcheck(Map.of(), "--url", unavailable.toString());
        SentinelProcesses.Finished other = healthcheck(Map.of(), "--url", notSentinel.toString());

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err().strip()).isEqualTo("error: not ready: " + unavailable + "/readyz answered 503 (unavailable)");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err().strip()).isEqualTo("error: not ready: " + notSentinel + "/readyz answered 200");
    }

    @Test
    void overHttpsItTrustsServesOwnCertificateByDefaultAndOnlyThat() throws Exception {
        // a certificate like a public server's: it names sentinel.example.com, not the loopback address probed
        TestTls own = TestTls.issueFor(21, "sentinel.example.com");
        TestTls other = TestTls.issueFor(22, "sentinel.example.com");
        Path cert = own.writeCertificate(work.resolve("cert.pem"));
        Path key = own.writeKey(work.resolve("key.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path otherCert = other.writeCertificate(work.resolve("other.pem"));
        Map<String, String> tls = Map.of("SENTINEL_ADMIN_TOKEN", ADMIN, "SENTINEL_TLS_CERT", cert.toString(),
                "SENTINEL_TLS_KEY", key.toString());
        int port = sentinel.serve(tls, "--data-dir", work.resolve("data").toString()).getPort();
        String https = "https://127.0.0.1:" + port;
        Map<String, String> serveEnvironment = new HashMap<>(tls);
        serveEnvironment.put("SENTINEL_PORT", Integer.toString(port));

        SentinelProcesses.Finished pinned = healthcheck(serveEnvironment);
        SentinelProcesses.Finished impostor = healthcheck(Map.of("SENTINEL_PORT", Integer.toString(port),
                "SENTINEL_TLS_CERT", otherCert.toString()));
        SentinelProcesses.Finished jdkCas = healthcheck(Map.of(), "--url", https);
        SentinelProcesses.Finished caHostMismatch = healthcheck(Map.of(), "--url", https, "--cacert", cert.toString());
        SentinelProcesses.Finished insecure = healthcheck(Map.of(), "--url", https, "--insecure");

        assertThat(pinned.exitCode()).as(pinned.err()).isZero();
        assertThat(pinned.out()).contains("ready: " + https + "/readyz answered 200");
        assertThat(impostor.exitCode()).isEqualTo(1);
        assertThat(impostor.err()).contains("error: not ready: the TLS handshake with 127.0.0.1:" + port + " failed: "
                + "the server's certificate is not the first one in SENTINEL_TLS_CERT " + otherCert).hasLineCount(1);
        assertThat(jdkCas.exitCode()).as("a self-signed certificate is no JDK CA's").isEqualTo(1);
        assertThat(jdkCas.err()).contains("the TLS handshake with 127.0.0.1:" + port + " failed");
        assertThat(caHostMismatch.exitCode()).as("--cacert checks the host name").isEqualTo(1);
        assertThat(caHostMismatch.err()).contains("the TLS handshake with 127.0.0.1:" + port + " failed")
                .contains("127.0.0.1");
        assertThat(insecure.exitCode()).as(insecure.err()).isZero();
    }

    @Test
    void cacertTrustsAPrivateCaForTheNameItCertifies() throws Exception {
        TestTls own = TestTls.issue(23);
        Path cert = own.writeCertificate(work.resolve("cert.pem"));
        Path key = own.writeKey(work.resolve("key.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path otherCert = TestTls.issue(24).writeCertificate(work.resolve("other.pem"));
        int port = sentinel.serve(Map.of("SENTINEL_ADMIN_TOKEN", ADMIN), "--data-dir", work.resolve("data").toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString()).getPort();
        String https = "https://localhost:" + port;

        SentinelProcesses.Finished trusted = healthcheck(Map.of(), "--url", https, "--cacert", cert.toString());
        SentinelProcesses.Finished untrusted = healthcheck(Map.of(), "--url", https, "--cacert", otherCert.toString());

        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).startsWith("error: not ready: the TLS handshake with localhost:" + port + " failed");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() throws Exception {
        SentinelProcesses.Finished notUrl = healthcheck(Map.of(), "--url", "ftp://127.0.0.1/readyz");
        SentinelProcesses.Finished both = healthcheck(Map.of(), "--insecure", "--cacert", "ca.pem");
        SentinelProcesses.Finished noCertificate = healthcheck(Map.of(), "--url", "https://127.0.0.1:1",
                "--cacert", Files.writeString(work.resolve("empty.pem"), "").toString());

        assertThat(notUrl.exitCode()).isEqualTo(2);
        assertThat(notUrl.err()).contains("--url 'ftp://127.0.0.1/readyz' must be an http:// or https:// URL");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--insecure and --cacert exclude each other");
        assertThat(noCertificate.exitCode()).isEqualTo(1);
        assertThat(noCertificate.err().strip()).isEqualTo("error: --cacert " + work.resolve("empty.pem")
                + " holds no PEM certificate");
    }

    /** Runs {@code sentinel healthcheck} with only the given {@code SENTINEL_*} variables. */
    private SentinelProcesses.Finished healthcheck(Map<String, String> environment, String... options)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("healthcheck"));
        args.addAll(List.of(options));
        ProcessBuilder command = sentinel.command(args.toArray(String[]::new));
        command.environment().putAll(environment);
        Path out = Files.createTempFile(work, "health", ".out");
        Path err = Files.createTempFile(work, "health", ".err");
        Process process = command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
        return new SentinelProcesses.Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private URI standIn(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        standIns.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar's {@code serve} with a certificate and key the test makes: HTTPS with the {@code https://} issuer and
 * HSTS, a renewed certificate presented without a restart, a broken renewal refused with one warning naming the file
 * while the previous certificate keeps serving, the same through the environment variables, and the certificate the
 * operations guide makes with openssl.
 */
class HttpsServeIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN = "https-serve-it-admin-token-0123456789";

    @TempDir
    Path work;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process server : servers) {
            server.destroy();
            server.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesHttpsAndPresentsARenewedCertificateWithoutARestart() throws Exception {
        TestTls first = TestTls.issue(1);
        TestTls second = TestTls.issue(2);
        TestTls third = TestTls.issue(3);
        Path cert = first.writeCertificate(work.resolve("cert.pem"));
        Path key = first.writeKey(work.resolve("key.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        int port = BuiltJar.freePort();
        Path log = work.resolve("serve.log");

        start(port, log, List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-reload-interval",
                "1s"), Map.of());
        String base = "https://127.0.0.1:" + port;
        HttpResponse<String> metadata = TestTls.clientTrusting(first).send(HttpRequest.newBuilder(
                URI.create(base + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(Files.readString(log)).contains("listening on " + base).doesNotContain("readable by other users");
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode document = MAPPER.readTree(metadata.body());
        assertThat(document.path("issuer").asText()).isEqualTo(base);
        assertThat(document.path("token_endpoint").asText()).isEqualTo(base + "/oauth/token");
        assertThat(metadata.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(TestTls.presentedSerial(port, first, second, third)).isEqualTo(1);

        second.writeKey(key);
        second.writeCertificate(cert);
        long serial = 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (serial != 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            serial = TestTls.presentedSerial(port, first, second, third);
        }
        assertThat(serial).as("serial presented after the renewal; log: %s", Files.readString(log)).isEqualTo(2);

        third.writeCertificate(cert); // the key file still holds the second key
        String warning = "still presenting the TLS certificate";
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains(warning) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String printed = Files.readString(log);
        assertThat(printed).contains(warning).contains("the private key " + key + " does not belong to the first "
                + "certificate in " + cert).doesNotContain(second.keyBodyLine(key));
        assertThat(printed.split(warning, -1)).as("warned once").hasSize(2);
        assertThat(TestTls.presentedSerial(port, first, second, third)).isEqualTo(2);
    }

    @Test
    void theEnvironmentConfiguresHttpsAndOneVariableWithoutTheOtherIsRefused() throws Exception {
        TestTls tls = TestTls.issue(10);
        Path cert = tls.writeCertificate(work.resolve("cert.pem"));
        Path key = tls.writeKey(work.resolve("key.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        int port = BuiltJar.freePort();
        Path log = work.resolve("serve.log");

        start(port, log, List.of(), Map.of("SENTINEL_TLS_CERT", cert.toString(), "SENTINEL_TLS_KEY", key.toString()));
        HttpResponse<String> health = TestTls.clientTrusting(tls).send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(Files.readString(log)).contains("the TLS private key " + key + " is readable by other users");

        ProcessBuilder certOnly = serve(BuiltJar.freePort(), List.of(), Map.of("SENTINEL_TLS_CERT", cert.toString()))
                .redirectErrorStream(true);
        Process refused = certOnly.start();
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("--tls-cert needs --tls-key (or env SENTINEL_TLS_KEY)");
    }

    @Test
    void theCertificateTheOperationsGuideMakesWithOpensslIsServed() throws Exception {
        String guide = Files.readString(Path.of("../docs/operations.md"));
        String section = guide.substring(guide.indexOf("## HTTPS"));
        Matcher command = Pattern.compile("\\(umask 077; openssl req [^)]*\\)").matcher(section);
        assertThat(command.find()).as("the openssl command in the HTTPS section of docs/operations.md").isTrue();
        Process openssl;
        try {
            openssl = new ProcessBuilder("sh", "-c", command.group().replace("\\\n", " ")).directory(work.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException noShell) {
            Assumptions.abort("no sh to run the guide's command: " + noShell.getMessage());
            return;
        }
        String made = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(openssl.exitValue() == 127, "openssl is not installed: " + made);
        assertThat(openssl.exitValue()).as(made).isZero();
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        int port = BuiltJar.freePort();

        start(port, work.resolve("serve.log"), List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()), Map.of());
        HttpResponse<String> metadata = clientTrustingPem(cert).send(HttpRequest.newBuilder(URI.create(
                "https://127.0.0.1:" + port + "/.well-known/oauth-authorization-server")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(metadata.body()).path("issuer").asText()).isEqualTo("https://127.0.0.1:" + port);
    }

    /** A client that trusts only the PEM certificate in the file, as {@code curl --cacert} does. */
    private static HttpClient clientTrustingPem(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            anchors.setCertificateEntry("guide", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private void start(int port, Path log, List<String> options, Map<String, String> env) throws Exception {
        Process process = serve(port, options, env).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        servers.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("listening on ")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private ProcessBuilder serve(int port, List<String> options, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar(), "serve", "--port",
                Integer.toString(port), "--data-dir", work.resolve("data").toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().put("SENTINEL_ADMIN_TOKEN", ADMIN);
        builder.environment().putAll(env);
        return builder;
    }
}

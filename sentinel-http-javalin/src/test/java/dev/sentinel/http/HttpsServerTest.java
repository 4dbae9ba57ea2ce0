package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.http.tls.TestCertificate;
import dev.sentinel.http.tls.TestCertificate.KeyForm;
import dev.sentinel.http.tls.TlsConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS served by Sentinel itself: a certificate the test makes, in each PEM key form, a real TLS handshake from a JDK
 * client that trusts only that certificate, the {@code https://} issuer, HSTS, no data over plain HTTP, and renewal
 * without a restart.
 */
class HttpsServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<ServerFixture> fixtures = new ArrayList<>();
    private Path certFile;
    private Path keyFile;

    @AfterEach
    void stop() {
        fixtures.forEach(ServerFixture::close);
    }

    @ParameterizedTest
    @EnumSource(KeyForm.class)
    void grantsTokensAndPublishesHttpsMetadataOverARealHandshake(KeyForm form) throws Exception {
        TestCertificate certificate = TestCertificate.issue(form, 1000 + form.ordinal());
        ServerFixture fixture = serve(certificate, form, builder -> builder);
        assertThat(Files.readString(keyFile)).contains(form.header);
        HttpClient client = TestCertificate.clientTrusting(certificate);
        String base = "https://127.0.0.1:" + fixture.server.port();
        assertThat(fixture.server.baseUri()).hasToString(base);
        assertThat(fixture.server.issuer()).isEqualTo(base);

        CreatedPass pass = fixture.createPass();
        HttpResponse<String> grant = client.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Authorization", ServerFixture.basic(pass.credentials().clientId().value(),
                        pass.credentials().clientSecret().reveal()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metadata = client.send(HttpRequest.newBuilder(
                URI.create(base + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(claims(MAPPER.readTree(grant.body()).path("access_token").asText()).path("iss").asText()).isEqualTo(base);
        assertThat(presented(grant).getSerialNumber().longValueExact()).isEqualTo(certificate.serial());
        assertThat(grant.sslSession().map(SSLSession::getProtocol)).get().isIn("TLSv1.3", "TLSv1.2");
        JsonNode document = MAPPER.readTree(metadata.body());
        assertThat(document.path("issuer").asText()).isEqualTo(base);
        assertThat(document.path("token_endpoint").asText()).isEqualTo(base + "/oauth/token");
        assertThat(document.path("jwks_uri").asText()).startsWith("https://");
        assertThat(metadata.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(fixture.server.tlsCertificate()).get().isEqualTo(certificate.certificate());
    }

    @Test
    void plainHttpToTheHttpsPortGetsNoData() throws Exception {
        ServerFixture fixture = serve(TestCertificate.issue(KeyForm.PKCS8_EC, 7), KeyForm.PKCS8_EC, builder -> builder);

        String reply;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fixture.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reply = readAll(socket.getInputStream());
        }

        assertThat(reply).doesNotContain("issuer").doesNotContain("token_endpoint").doesNotStartWith("HTTP/1.1 200");
    }

    @Test
    void aBodyTrickledOverTlsIsCutOffLikeOverPlainHttp() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_EC, 9);
        ServerFixture fixture = serve(certificate, KeyForm.PKCS8_EC, builder -> builder);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        String reply;
        try (SSLSocket socket = (SSLSocket) TestCertificate.contextTrusting(certificate).getSocketFactory()
                .createSocket("127.0.0.1", fixture.server.port())) {
            socket.setSoTimeout(20_000); // below the 30 s idle timeout: only the minimum data rate can end it sooner
            OutputStream out = socket.getOutputStream();
            out.write(("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: 4096\r\n\r\ng").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write('r');
                    out.flush();
                } catch (IOException closedByServer) {
                    // the server gave up on the slow body
                }
            }, 300, 300, TimeUnit.MILLISECONDS);
            reply = readAll(socket.getInputStream());
        } finally {
            trickle.shutdownNow();
        }

        assertThat(reply).startsWith("HTTP/1.1 408").contains("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/.well-known/jwks.json", "/api/v1/passes/SP-2026-AAAAAA", "/no-such-page"})
    void everyHttpsReplyCarriesHstsAndNoPlainReplyDoes(String path) throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_RSA, 8);
        ServerFixture https = serve(certificate, KeyForm.PKCS8_RSA, builder -> builder);
        ServerFixture plain = new ServerFixture();
        fixtures.add(plain);

        HttpResponse<String> secure = TestCertificate.clientTrusting(certificate).send(
                HttpRequest.newBuilder(https.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> clear = plain.send(HttpRequest.newBuilder(plain.uri(path)).build());

        assertThat(secure.statusCode()).as(path).isEqualTo(clear.statusCode());
        assertThat(secure.headers().allValues("Strict-Transport-Security")).as(path).containsExactly("max-age=31536000");
        assertThat(clear.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
    }

    @Test
    void aRenewedCertificateIsPresentedWithoutARestart() throws Exception {
        TestCertificate first = TestCertificate.issue(KeyForm.PKCS8_EC, 101);
        ServerFixture fixture = serve(first, KeyForm.PKCS8_EC, builder -> builder.tlsReloadInterval(Duration.ofSeconds(1)));
        TestCertificate renewed = TestCertificate.issue(KeyForm.TRADITIONAL_RSA, 102);
        assertThat(presentedSerial(fixture, first, renewed)).isEqualTo(101);

        renewed.writeKey(keyFile, KeyForm.TRADITIONAL_RSA);
        renewed.writeCertificate(certFile);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long serial = 101;
        while (serial != 102 && System.nanoTime() < deadline) {
            serial = presentedSerial(fixture, first, renewed);
            Thread.sleep(50);
        }
        assertThat(serial).as("the serial presented on a new handshake after the files were renewed").isEqualTo(102);
        assertThat(fixture.server.tlsCertificate()).get().isEqualTo(renewed.certificate());
        assertThat(fixture.createPass()).isNotNull();
    }

    @Test
    void aBrokenRenewalKeepsTheOldCertificateServing() throws Exception {
        TestCertificate first = TestCertificate.issue(KeyForm.PKCS8_RSA, 201);
        TestCertificate second = TestCertificate.issue(KeyForm.PKCS8_RSA, 202);
        ServerFixture fixture = serve(first, KeyForm.PKCS8_RSA, builder -> builder.tlsReloadInterval(Duration.ofHours(1)));

        second.writeCertificate(certFile); // the key file still holds the first key: they do not belong together
        assertThat(fixture.server.reloadTlsCertificate()).isFalse();
        assertThat(fixture.server.reloadTlsCertificate()).isFalse();
        assertThat(presentedSerial(fixture, first, second)).isEqualTo(201);
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThat(fixture.server.reloadTlsCertificate()).isFalse();
        Files.delete(keyFile);
        assertThat(fixture.server.reloadTlsCertificate()).isFalse();
        assertThat(presentedSerial(fixture, first, second)).isEqualTo(201);
        assertThat(fixture.server.tlsCertificate()).get().isEqualTo(first.certificate());

        second.writeKey(keyFile, KeyForm.PKCS8_RSA);
        assertThat(fixture.server.reloadTlsCertificate()).isTrue();
        assertThat(presentedSerial(fixture, first, second)).isEqualTo(202);
        assertThat(fixture.server.reloadTlsCertificate()).as("nothing changed since").isFalse();
    }

    @Test
    void aCertificateAndKeyThatDoNotBelongTogetherStopTheStartNamingTheKeyFile() {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_EC, 301);
        TestCertificate other = TestCertificate.issue(KeyForm.PKCS8_EC, 302);
        certFile = dir.resolve("cert.pem");
        keyFile = dir.resolve("key.pem");
        certificate.writeCertificate(certFile);
        other.writeKey(keyFile, KeyForm.PKCS8_EC);

        assertThatThrownBy(() -> startWith(certFile, keyFile)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(keyFile.toString()).hasMessageContaining("does not belong to the first certificate")
                .hasMessageNotContaining(keyBody(other.keyPem(KeyForm.PKCS8_EC)));
    }

    @Test
    void encryptedKeysAreRefusedWithTheWayToDecryptThem() {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_RSA, 401);
        certFile = dir.resolve("cert.pem");
        certificate.writeCertificate(certFile);
        for (String encrypted : List.of(certificate.encryptedPkcs8Pem(), certificate.encryptedTraditionalPem())) {
            keyFile = dir.resolve("encrypted.pem");
            writeString(keyFile, encrypted);
            assertThat(encrypted).containsAnyOf("ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED");

            assertThatThrownBy(() -> startWith(certFile, keyFile)).isInstanceOf(TlsConfigurationException.class)
                    .hasMessageContaining(keyFile.toString()).hasMessageContaining("is encrypted")
                    .hasMessageContaining("openssl pkey -in");
        }
    }

    @Test
    void missingUnreadableAndMalformedFilesStopTheStartNamingTheFile() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_EC, 501);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        certificate.writeCertificate(cert);
        certificate.writeKey(key, KeyForm.PKCS8_EC);
        Path der = dir.resolve("cert.der");
        Files.write(der, certificate.certificate().getEncoded());
        Path missing = dir.resolve("missing.pem");
        Path directory = Files.createDirectory(dir.resolve("certs"));

        assertStartFails(missing, key, missing, "does not exist");
        assertStartFails(cert, directory, directory, "is a directory");
        assertStartFails(der, key, der, "is not PEM");
        assertStartFails(key, key, key, "holds no PEM certificate");
        assertStartFails(cert, cert, cert, "holds no PEM private key");
    }

    @Test
    void aFailedTlsStartLeavesNoGeneratedAdminTokenBehind() {
        ServerFixture probe = new ServerFixture();
        fixtures.add(probe);
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> TestServer.builder(probe.sentinel).port(0).stopTimeout(Duration.ZERO)
                .tls(missing, missing).build().start()).isInstanceOf(TlsConfigurationException.class);
        SentinelServer retry = TestServer.builder(probe.sentinel).port(0).stopTimeout(Duration.ZERO).build().start();
        try {
            assertThat(retry.node().generatedAdminToken()).as("generated (and shown) by the first start that succeeds").isPresent();
        } finally {
            retry.close();
        }
    }

    private void assertStartFails(Path cert, Path key, Path named, String problem) {
        assertThatThrownBy(() -> startWith(cert, key)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(named.toString()).hasMessageContaining(problem);
    }

    private void startWith(Path cert, Path key) {
        ServerFixture fixture = new ServerFixture(builder -> builder.tls(cert, key));
        fixtures.add(fixture);
    }

    private ServerFixture serve(TestCertificate certificate, KeyForm form, UnaryOperator<TestServer.Builder> more) {
        certFile = dir.resolve("cert-" + certificate.serial() + ".pem");
        keyFile = dir.resolve("key-" + certificate.serial() + ".pem");
        certificate.writeCertificate(certFile);
        certificate.writeKey(keyFile, form);
        ServerFixture fixture = new ServerFixture(builder -> more.apply(builder.tls(certFile, keyFile)));
        fixtures.add(fixture);
        return fixture;
    }

    /**
     * The serial of the certificate presented on a new TLS connection, with host-name verification and a fresh context
     * (so no session is resumed).
     */
    private static long presentedSerial(ServerFixture fixture, TestCertificate... trusted) throws IOException {
        try (SSLSocket socket = (SSLSocket) TestCertificate.contextTrusting(trusted).getSocketFactory()
                .createSocket("127.0.0.1", fixture.server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().longValueExact();
        }
    }

    private static X509Certificate presented(HttpResponse<?> reply) throws Exception {
        return (X509Certificate) reply.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static JsonNode claims(String jwt) throws IOException {
        return MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String keyBody(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
    }

    private static String readAll(InputStream in) {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException closedOrTimedOut) {
            // what arrived before the server closed the connection (or the read timed out) is the reply
        }
        return text.toString();
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}

package dev.sentinel.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed EC certificate for {@code 127.0.0.1} and {@code localhost} the test makes, its PEM files, and TLS
 * clients that trust only the certificates given.
 */
public record TestTls(X509Certificate certificate, KeyPair keyPair) {

    public static TestTls issue(long serial) {
        return issue(serial, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A certificate for one DNS name only, like a public server's: it names no loopback address. */
    public static TestTls issueFor(long serial, String dnsName) {
        return issue(serial, new GeneralName(GeneralName.dNSName, dnsName));
    }

    private static TestTls issue(long serial, GeneralName... names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keyPair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=localhost, O=Sentinel CLI test " + serial);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(serial),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new TestTls(certificate, keyPair);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException failure) {
            throw new IllegalStateException(failure);
        }
    }

    public long serial() {
        return certificate.getSerialNumber().longValueExact();
    }

    public Path writeCertificate(Path file) {
        return write(file, certificate);
    }

    /** The key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public Path writeKey(Path file) {
        try {
            return write(file, new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** A line of the key's base64 body, to check it is never printed. */
    public String keyBodyLine(Path keyFile) throws IOException {
        return Files.readAllLines(keyFile).get(1);
    }

    public static HttpClient clientTrusting(TestTls... trusted) {
        return HttpClient.newBuilder().sslContext(contextTrusting(trusted)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The serial of the certificate presented on a new, verified TLS connection (fresh context: no resumption). */
    public static long presentedSerial(int port, TestTls... trusted) throws IOException {
        try (SSLSocket socket = (SSLSocket) contextTrusting(trusted).getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().longValueExact();
        }
    }

    private static SSLContext contextTrusting(TestTls... trusted) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (TestTls tls : trusted) {
                anchors.setCertificateEntry("server-" + tls.serial(), tls.certificate());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static Path write(Path file, Object pem) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pem);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        try {
            return Files.writeString(file, text.toString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}

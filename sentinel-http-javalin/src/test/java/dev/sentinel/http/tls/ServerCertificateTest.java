package dev.sentinel.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.http.tls.TestCertificate.KeyForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PEM pair: the forms and layouts accepted, each refusal naming the file, and the TLS settings. */
class ServerCertificateTest {

    @TempDir
    Path dir;

    @Test
    void readsTheKeyAndTheChainFromOneCombinedFile() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.TRADITIONAL_RSA, 11);
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, certificate.keyPem(KeyForm.TRADITIONAL_RSA) + certificate.certificatePem());

        ServerCertificate loaded = ServerCertificate.load(combined, combined);

        assertThat(loaded.certificate()).isEqualTo(certificate.certificate());
    }

    @Test
    void presentsTheWholeChainAndRefusesItWhenTheServerCertificateIsNotFirst() throws Exception {
        TestCertificate intermediate = TestCertificate.issue(KeyForm.PKCS8_RSA, 22);
        TestCertificate server = TestCertificate.issuedBy(intermediate, "EC", 21);
        Path key = write("key.pem", server.keyPem(KeyForm.PKCS8_EC));
        Path chain = write("chain.pem", server.certificatePem() + intermediate.certificatePem());
        Path reversed = write("reversed.pem", intermediate.certificatePem() + server.certificatePem());

        ServerCertificate loaded = ServerCertificate.load(chain, key);
        Certificate[] stored = loaded.sslContextFactory().getKeyStore().getCertificateChain(TlsCredentials.ALIAS);

        assertThat(stored).containsExactly(server.certificate(), intermediate.certificate());
        assertThatThrownBy(() -> ServerCertificate.load(reversed, key)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining(reversed.toString())
                .hasMessageContaining("must come first");
    }

    @Test
    void refusesCertificatesThatDoNotFormAChain() throws Exception {
        TestCertificate server = TestCertificate.issue(KeyForm.PKCS8_EC, 23);
        TestCertificate unrelated = TestCertificate.issue(KeyForm.PKCS8_RSA, 24);
        Path key = write("key.pem", server.keyPem(KeyForm.PKCS8_EC));
        Path chain = write("chain.pem", server.certificatePem() + unrelated.certificatePem());

        assertThatThrownBy(() -> ServerCertificate.load(chain, key)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(chain.toString()).hasMessageContaining("certificate 2 did not issue certificate 1");
    }

    @Test
    void refusesKeysThatAreNeitherRsaNorEc() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        Path key = write("ed25519.pem", pkcs8(generator.generateKeyPair().getPrivate()));
        Path cert = write("cert.pem", TestCertificate.issue(KeyForm.PKCS8_RSA, 31).certificatePem());

        assertThatThrownBy(() -> ServerCertificate.load(cert, key)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining("HTTPS takes an RSA or EC key");
    }

    @Test
    void refusesAKeyFileWithTwoKeys() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_EC, 41);
        TestCertificate other = TestCertificate.issue(KeyForm.PKCS8_EC, 42);
        Path key = write("keys.pem", certificate.keyPem(KeyForm.PKCS8_EC) + other.keyPem(KeyForm.PKCS8_EC));
        Path cert = write("cert.pem", certificate.certificatePem());

        assertThatThrownBy(() -> ServerCertificate.load(cert, key)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining("holds 2 private keys");
    }

    @Test
    void namesABlockItDoesNotReadAndNeverQuotesAMalformedKey() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_EC, 51);
        Path cert = write("cert.pem", certificate.certificatePem());
        Path openssh = write("id_ecdsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
        String secretLine = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETSECRET";
        Path malformed = write("malformed.pem", "-----BEGIN PRIVATE KEY-----\n" + secretLine + "\n"
                + "-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerCertificate.load(cert, openssh)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(openssh.toString()).hasMessageContaining("BEGIN OPENSSH PRIVATE KEY");
        assertThatThrownBy(() -> ServerCertificate.load(cert, malformed)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(malformed.toString()).hasNoCause().hasMessageNotContaining("SECRET");
    }

    @Test
    void offersTls12And13OnlyWithoutRenegotiation() throws Exception {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_RSA, 61);
        ServerCertificate loaded = ServerCertificate.load(write("cert.pem", certificate.certificatePem()),
                write("key.pem", certificate.keyPem(KeyForm.PKCS8_RSA)));

        loaded.sslContextFactory().start();
        try {
            assertThat(loaded.sslContextFactory().getSelectedProtocols()).isNotEmpty()
                    .isSubsetOf("TLSv1.2", "TLSv1.3");
            assertThat(loaded.sslContextFactory().isRenegotiationAllowed()).isFalse();
        } finally {
            loaded.sslContextFactory().stop();
        }
    }

    @Test
    void anExpiredOrNotYetValidCertificateLoadsWithAWarning() throws Exception {
        Instant now = Instant.now();
        TestCertificate expired = TestCertificate.issue("EC", 71, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        TestCertificate future = TestCertificate.issue("EC", 72, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        TestCertificate current = TestCertificate.issue("EC", 73);

        assertThat(credentials(expired).validityWarning(now)).get().asString().contains("expired on");
        assertThat(credentials(future).validityWarning(now)).get().asString().contains("is not valid before");
        assertThat(credentials(current).validityWarning(now)).isEmpty();
        assertThat(ServerCertificate.load(write("expired.pem", expired.certificatePem()),
                write("expired-key.pem", expired.keyPem(KeyForm.PKCS8_EC))).certificate()).isEqualTo(expired.certificate());
    }

    @Test
    void aRenewalSeenOnlyHalfWrittenIsNotUsedAndTheCompletedOneIs() throws Exception {
        TestCertificate first = TestCertificate.issue(KeyForm.PKCS8_EC, 81);
        TestCertificate second = TestCertificate.issue(KeyForm.PKCS8_EC, 82);
        Path cert = write("cert.pem", first.certificatePem());
        Path key = write("key.pem", first.keyPem(KeyForm.PKCS8_EC));
        ServerCertificate loaded = ServerCertificate.load(cert, key);

        assertThat(loaded.reloadIfChanged()).as("unchanged").isFalse();
        write("cert.pem", second.certificatePem());
        assertThat(loaded.reloadIfChanged()).as("new certificate, old key").isFalse();
        assertThat(loaded.certificate()).isEqualTo(first.certificate());
        write("key.pem", second.keyPem(KeyForm.PKCS8_EC));
        assertThat(loaded.reloadIfChanged()).isTrue();
        assertThat(loaded.certificate()).isEqualTo(second.certificate());
        assertThat(loaded.sslContextFactory().getKeyStore().getCertificate(TlsCredentials.ALIAS))
                .isEqualTo(second.certificate());
    }

    @Test
    void theCredentialsNeverPrintTheirKey() {
        TestCertificate certificate = TestCertificate.issue(KeyForm.PKCS8_RSA, 91);
        java.security.interfaces.RSAPrivateCrtKey key =
                (java.security.interfaces.RSAPrivateCrtKey) certificate.keyPair().getPrivate();

        assertThat(TlsCredentials.parse(Path.of("cert.pem"), certificate.certificatePem(), Path.of("key.pem"),
                certificate.keyPem(KeyForm.PKCS8_RSA)).toString()).contains("serial 5b").contains("key redacted")
                .doesNotContain(key.getPrivateExponent().toString(16)).doesNotContain(key.getModulus().toString(16))
                .doesNotContain(key.getModulus().toString());
    }

    private TlsCredentials credentials(TestCertificate certificate) {
        return TlsCredentials.parse(Path.of("cert.pem"), certificate.certificatePem(), Path.of("key.pem"),
                certificate.keyPem(KeyForm.PKCS8_EC));
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        TestCertificate.write(file, text);
        return file;
    }

    private static String pkcs8(java.security.PrivateKey key) throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null).generate());
        }
        return text.toString();
    }
}

package dev.sentinel.http.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A self-signed server certificate for {@code 127.0.0.1} and {@code localhost} (subject alternative names) made by the
 * test, with its key pair, written as PEM in each form HTTPS reads, and a JDK HTTP client that trusts only it.
 */
public record TestCertificate(X509Certificate certificate, KeyPair keyPair) {

    /** The PEM forms of a private key. */
    public enum KeyForm {
        PKCS8_RSA("RSA", "-----BEGIN PRIVATE KEY-----"),
        PKCS8_EC("EC", "-----BEGIN PRIVATE KEY-----"),
        TRADITIONAL_RSA("RSA", "-----BEGIN RSA PRIVATE KEY-----"),
        TRADITIONAL_EC("EC", "-----BEGIN EC PRIVATE KEY-----");

        final String algorithm;
        /** The line that begins the key in the written file, so a test knows it exercises the form it names. */
        public final String header;

        KeyForm(String algorithm, String header) {
            this.algorithm = algorithm;
            this.header = header;
        }
    }

    /** A certificate valid from an hour ago for a day, with the given serial and an RSA-2048 or EC P-256 key. */
    public static TestCertificate issue(String algorithm, long serial) {
        Instant now = Instant.now();
        return issue(algorithm, serial, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    public static TestCertificate issue(String algorithm, long serial, Instant notBefore, Instant notAfter) {
        return issue(algorithm, serial, notBefore, notAfter, null);
    }

    /** A certificate for the server issued by {@code issuer} (e.g. an intermediate), valid for a day. */
    public static TestCertificate issuedBy(TestCertificate issuer, String algorithm, long serial) {
        Instant now = Instant.now();
        return issue(algorithm, serial, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), issuer);
    }

    private static TestCertificate issue(String algorithm, long serial, Instant notBefore, Instant notAfter,
                                         TestCertificate issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            KeyPair keyPair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=localhost, O=Sentinel test " + serial);
            X500Principal issuerName = issuer == null ? subject : issuer.certificate.getSubjectX500Principal();
            java.security.PrivateKey signer = issuer == null ? keyPair.getPrivate() : issuer.keyPair.getPrivate();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial),
                    Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            String signature = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(signer)));
            return new TestCertificate(certificate, keyPair);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** A certificate whose key has the algorithm of {@code form}. */
    public static TestCertificate issue(KeyForm form, long serial) {
        return issue(form.algorithm, serial);
    }

    public String certificatePem() {
        return pem(certificate);
    }

    /** The private key in the given form (the form's algorithm must be this key's). */
    public String keyPem(KeyForm form) {
        if (!form.algorithm.equals(keyPair.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException(form + " does not fit a " + keyPair.getPrivate().getAlgorithm() + " key");
        }
        try {
            return switch (form) {
                case PKCS8_RSA, PKCS8_EC -> pem(new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
                case TRADITIONAL_RSA -> pem(keyPair.getPrivate());
                case TRADITIONAL_EC -> sec1Pem();
            };
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * SEC 1 {@code BEGIN EC PRIVATE KEY} with the curve and public key inside, preceded by the {@code BEGIN EC
     * PARAMETERS} block, as {@code openssl ecparam -genkey} writes it.
     */
    private String sec1Pem() throws IOException {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
        ASN1Encodable curve = pkcs8.getPrivateKeyAlgorithm().getParameters();
        ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(),
                SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData(), curve);
        return pem(new PemObject("EC PARAMETERS", curve.toASN1Primitive().getEncoded()))
                + pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** {@code BEGIN ENCRYPTED PRIVATE KEY} (PKCS#8, AES-256-CBC). */
    public String encryptedPkcs8Pem() {
        try {
            return pem(new JcaPKCS8Generator(keyPair.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray())
                    .build()).generate());
        } catch (org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.util.io.pem.PemGenerationException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** A traditional key with {@code Proc-Type: 4,ENCRYPTED} (as {@code openssl rsa -aes256} writes it). */
    public String encryptedTraditionalPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keyPair.getPrivate(), new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(new BouncyCastleProvider()).build("secret".toCharArray()));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return text.toString();
    }

    public void writeCertificate(Path file) {
        write(file, certificatePem());
    }

    public void writeKey(Path file, KeyForm form) {
        write(file, keyPem(form));
    }

    public long serial() {
        return certificate.getSerialNumber().longValueExact();
    }

    /** A JDK client that trusts these certificates only, with its own TLS session cache (no resumption). */
    public static HttpClient clientTrusting(TestCertificate... trusted) {
        return HttpClient.newBuilder().sslContext(contextTrusting(trusted)).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A TLS context that trusts these certificates only. */
    public static SSLContext contextTrusting(TestCertificate... trusted) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (TestCertificate certificate : trusted) {
                anchors.setCertificateEntry("server-" + certificate.serial(), certificate.certificate());
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

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return text.toString();
    }
}

package dev.sentinel.http.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM files: a certificate chain (one or more {@code BEGIN CERTIFICATE} blocks, the server's own first) and an
 * unencrypted private key in PKCS#8 ({@code BEGIN PRIVATE KEY}) or the traditional OpenSSL forms ({@code BEGIN RSA
 * PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}). Other blocks are skipped, so one file may hold both key and chain.
 */
final class PemFiles {

    private static final String KEY_FORMS = "BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY";

    private PemFiles() {
    }

    /** The certificates of a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, String text) {
        List<Object> blocks = blocks(file, text, "certificate chain", true);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        for (Object block : blocks) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException malformed) {
                    throw new TlsConfigurationException("the certificate chain " + file + " holds a certificate that "
                            + "cannot be read: " + malformed.getMessage(), malformed);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new TlsConfigurationException("the certificate chain " + file + " holds no PEM certificate (BEGIN "
                    + "CERTIFICATE)");
        }
        return List.copyOf(chain);
    }

    /** The one private key of a PEM file; an encrypted key is refused. */
    static PrivateKey privateKey(Path file, String text) {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        for (Object block : blocks(file, text, "private key", false)) {
            if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new TlsConfigurationException("the private key " + file + " is encrypted; Sentinel reads "
                        + "unencrypted keys only: decrypt it with `openssl pkey -in " + file + " -out NEW_FILE` "
                        + "and keep NEW_FILE readable by the server's user only");
            } else if (block instanceof PEMKeyPair pair) {
                keys.add(pair.getPrivateKeyInfo());
            } else if (block instanceof PrivateKeyInfo info) {
                keys.add(info);
            }
        }
        if (keys.isEmpty()) {
            throw new TlsConfigurationException("the private key " + file + " holds no PEM private key (expected "
                    + KEY_FORMS + ")");
        }
        if (keys.size() > 1) {
            throw new TlsConfigurationException("the private key " + file + " holds " + keys.size()
                    + " private keys; keep only the one that belongs to the certificate");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(keys.get(0));
        } catch (IOException | RuntimeException unsupported) {
            // the cause may quote key bytes, so it is left out
            throw new TlsConfigurationException("the private key " + file + " cannot be read as an RSA or EC key "
                    + "(an unsupported algorithm, or an EC key that does not name its curve)");
        }
    }

    private static List<Object> blocks(Path file, String text, String role, boolean keepCause) {
        if (!text.contains("-----BEGIN ")) {
            throw new TlsConfigurationException("the " + role + " " + file + " is not PEM (no -----BEGIN line); "
                    + "convert a DER file with `openssl " + (keepCause ? "x509" : "pkey") + " -inform der -in " + file
                    + " -out NEW_FILE`");
        }
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException malformed) {
            String unknown = malformed.getMessage() == null ? "" : malformed.getMessage();
            if (unknown.startsWith("unrecognised object: ")) {
                throw new TlsConfigurationException("the " + role + " " + file + " holds a PEM block Sentinel does "
                        + "not read (BEGIN " + unknown.substring("unrecognised object: ".length()).strip() + ")");
            }
            String message = "the " + role + " " + file + " is not valid PEM (a block's base64 or ASN.1 content is "
                    + "malformed)";
            throw keepCause ? new TlsConfigurationException(message, malformed) : new TlsConfigurationException(message);
        }
        return blocks;
    }

    /** The text of a PEM file; {@code role} names it in errors ("certificate chain", "private key"). */
    static String read(Path file, String role) {
        if (Files.isDirectory(file)) {
            throw new TlsConfigurationException("the " + role + " " + file + " is a directory, not a PEM file");
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException missing) {
            throw new TlsConfigurationException("the " + role + " " + file + " does not exist");
        } catch (AccessDeniedException denied) {
            throw new TlsConfigurationException("the " + role + " " + file + " cannot be read: permission denied for "
                    + "the server's user");
        } catch (IOException unreadable) {
            throw new TlsConfigurationException("the " + role + " " + file + " cannot be read: "
                    + unreadable.getClass().getSimpleName());
        }
        return text;
    }
}

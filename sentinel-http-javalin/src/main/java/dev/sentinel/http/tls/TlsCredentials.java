package dev.sentinel.http.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server certificate chain with the private key that belongs to its first certificate, read from PEM files and
 * checked: the key must be RSA or EC and must sign what the certificate's public key verifies.
 */
record TlsCredentials(List<X509Certificate> chain, PrivateKey privateKey) {

    static final String ALIAS = "sentinel";

    TlsCredentials {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Parses and checks the pair, given the files' text; fails with a {@link TlsConfigurationException} naming the file
     * at fault.
     */
    static TlsCredentials parse(Path certificateChain, String chainPem, Path privateKey, String keyPem) {
        List<X509Certificate> chain = PemFiles.certificates(certificateChain, chainPem);
        PrivateKey key = PemFiles.privateKey(privateKey, keyPem);
        if (!List.of("RSA", "EC").contains(key.getAlgorithm())) {
            throw new TlsConfigurationException("the private key " + privateKey + " is " + key.getAlgorithm()
                    + "; HTTPS takes an RSA or EC key");
        }
        if (!belongTogether(key, chain.get(0))) {
            throw new TlsConfigurationException("the private key " + privateKey + " does not belong to the first "
                    + "certificate in " + certificateChain + " (the server's own certificate must come first, then its "
                    + "intermediates)");
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new TlsConfigurationException("the certificate chain " + certificateChain + " is out of order: "
                        + "certificate " + (i + 1) + " did not issue certificate " + i + " (put the server's certificate "
                        + "first, then each certificate's issuer)");
            }
        }
        return new TlsCredentials(chain, key);
    }

    /** The certificate's subject and serial; never the key. */
    @Override
    public String toString() {
        return "TlsCredentials[" + describe() + ", key redacted]";
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    /** An in-memory PKCS#12 key store holding the pair under {@value #ALIAS}, protected by {@code password}. */
    KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException failure) {
            throw new TlsConfigurationException("cannot hold the TLS key and certificate in a key store: "
                    + failure.getClass().getSimpleName(), failure);
        }
    }

    /** A warning when the server's certificate is not valid at {@code now}, for the log. */
    Optional<String> validityWarning(Instant now) {
        X509Certificate certificate = certificate();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("the TLS certificate " + describe() + " expired on " + certificate.getNotAfter().toInstant()
                    + "; clients will refuse it");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("the TLS certificate " + describe() + " is not valid before "
                    + certificate.getNotBefore().toInstant() + "; clients will refuse it until then");
        }
        return Optional.empty();
    }

    /** Subject and serial (hexadecimal) of the server's certificate, for the log. */
    String describe() {
        return "'" + certificate().getSubjectX500Principal().getName() + "' (serial "
                + certificate().getSerialNumber().toString(16) + ")";
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatch) {
            return false; // e.g. an EC key against an RSA certificate, or keys on different curves
        }
    }
}

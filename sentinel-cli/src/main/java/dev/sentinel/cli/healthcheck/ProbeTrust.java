package dev.sentinel.cli.healthcheck;

import dev.sentinel.cli.CommandFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which HTTPS certificates the health check accepts: the JDK's CAs, the certificates of {@code --cacert} (host name
 * checked), any with {@code --insecure}, or by default, when the server's own {@code SENTINEL_TLS_CERT} is set, exactly
 * the first certificate of that file. That one is compared as it is, so the host name a probe uses (127.0.0.1 inside a
 * container, which a public certificate does not name) need not match it.
 */
record ProbeTrust(SSLContext sslContext) {

    static ProbeTrust choose(Path cacert, boolean insecure, Map<String, String> environment) {
        try {
            if (insecure) {
                return with(new Accepting(null, null));
            }
            if (cacert != null) {
                return trusting(cacert);
            }
            String own = environment.getOrDefault("SENTINEL_TLS_CERT", "").strip();
            if (!own.isEmpty()) {
                Path file = Path.of(own);
                return with(new Accepting(certificates(file, "SENTINEL_TLS_CERT").get(0), file));
            }
            return new ProbeTrust(SSLContext.getDefault());
        } catch (GeneralSecurityException failed) {
            throw new CommandFailedException("cannot set up TLS: " + failed.getMessage(), failed);
        }
    }

    private static ProbeTrust trusting(Path cacert) throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            anchors.load(null, null);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        List<X509Certificate> certificates = certificates(cacert, "--cacert");
        for (int index = 0; index < certificates.size(); index++) {
            anchors.setCertificateEntry("ca-" + index, certificates.get(index));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return new ProbeTrust(context);
    }

    private static ProbeTrust with(X509ExtendedTrustManager manager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {manager}, null);
        return new ProbeTrust(context);
    }

    private static List<X509Certificate> certificates(Path file, String source) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new CommandFailedException(source + " " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException unreadable) {
            throw new CommandFailedException("cannot read " + source + " " + file + ": " + unreadable.getMessage());
        } catch (CertificateException malformed) {
            throw new CommandFailedException(source + " " + file + " holds no readable PEM certificate: "
                    + malformed.getMessage());
        }
    }

    /**
     * Accepts a server whose certificate is {@code expected}, or any server when that is null. As an extended trust
     * manager it is asked instead of the JDK's host-name check, which it leaves out on purpose.
     */
    private static final class Accepting extends X509ExtendedTrustManager {

        private final X509Certificate expected;
        private final Path file;

        Accepting(X509Certificate expected, Path file) {
            this.expected = expected;
            this.file = file;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (expected != null && (chain.length == 0 || !expected.equals(chain[0]))) {
                throw new CertificateException("the server's certificate is not the first one in SENTINEL_TLS_CERT "
                        + file + " (a renewed certificate is presented within --tls-reload-interval)");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the health check authenticates no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package dev.sentinel.http.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate and key HTTPS serves, read from two PEM files, and a Jetty {@link SslContextFactory.Server} that
 * presents them (TLS 1.2 and 1.3 only, no renegotiation). {@link #watch(Duration)} re-reads the files periodically: a
 * changed, valid pair is presented on every new handshake from then on (connections already open keep theirs); a
 * changed pair that cannot be used keeps the previous one serving and logs one warning naming the file and the problem.
 * Because a renewal may replace the two files one after the other, a broken pair is reported only when the next poll
 * still sees it.
 *
 * <p>Thread-safe: polls and {@link #reloadIfChanged()} are serialised.
 */
public final class ServerCertificate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
    private static final String CHAIN = "certificate chain";
    private static final String KEY = "private key";

    private final Path chainFile;
    private final Path keyFile;
    private final SslContextFactory.Server sslContextFactory = new SslContextFactory.Server();
    private volatile TlsCredentials current;
    private String loadedFingerprint;
    private String suspectFingerprint;
    private String refusedFingerprint;
    private ScheduledExecutorService poller;

    private ServerCertificate(Path chainFile, Path keyFile) {
        this.chainFile = chainFile;
        this.keyFile = keyFile;
    }

    /**
     * Reads the PEM certificate chain (the server's certificate first) and its unencrypted private key (PKCS#8, or
     * traditional RSA or EC).
     *
     * @throws TlsConfigurationException when a file is missing, unreadable or malformed, the key is encrypted or not RSA
     *                                   or EC, or the key does not belong to the first certificate; the message names
     *                                   the file
     */
    public static ServerCertificate load(Path certificateChain, Path privateKey) {
        ServerCertificate certificate = new ServerCertificate(Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(privateKey, "privateKey"));
        String chainPem = PemFiles.read(certificateChain, CHAIN);
        String keyPem = PemFiles.read(privateKey, KEY);
        TlsCredentials credentials = TlsCredentials.parse(certificateChain, chainPem, privateKey, keyPem);
        certificate.sslContextFactory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        certificate.sslContextFactory.setRenegotiationAllowed(false);
        certificate.use(certificate.sslContextFactory, credentials);
        certificate.current = credentials;
        certificate.loadedFingerprint = fingerprint(chainPem, keyPem);
        warnIfOthersCanRead(privateKey);
        LOG.info("TLS certificate {} from {}, valid until {}", credentials.describe(), certificateChain,
                credentials.certificate().getNotAfter().toInstant());
        credentials.validityWarning(Instant.now()).ifPresent(LOG::warn);
        return certificate;
    }

    /**
     * Checks that the two files hold a usable pair, as {@link #load(Path, Path)} would, without logging or keeping
     * anything: for a command line to refuse bad files before it opens a store.
     *
     * @throws TlsConfigurationException as {@link #load(Path, Path)}
     */
    public static void check(Path certificateChain, Path privateKey) {
        TlsCredentials.parse(certificateChain, PemFiles.read(certificateChain, CHAIN), privateKey,
                PemFiles.read(privateKey, KEY));
    }

    /** The factory of the HTTPS connector; it always holds the current pair. */
    public SslContextFactory.Server sslContextFactory() {
        return sslContextFactory;
    }

    /** The server's certificate presented on new handshakes now (the first of the chain). */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /** Starts polling the two files every {@code interval} on a daemon thread; at most once. */
    public synchronized ServerCertificate watch(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the certificate reload interval must be positive");
        }
        if (poller != null) {
            throw new IllegalStateException("the certificate files are watched already");
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sentinel-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Reads the two files and, when they changed since the pair in use, presents the new pair. Returns whether it did;
     * a changed pair that cannot be used is kept out (see the class description).
     */
    public synchronized boolean reloadIfChanged() {
        String chainPem;
        String keyPem;
        try {
            chainPem = PemFiles.read(chainFile, CHAIN);
            keyPem = PemFiles.read(keyFile, KEY);
        } catch (TlsConfigurationException unreadable) {
            refuse(unreadable.getMessage(), unreadable.getMessage());
            return false;
        }
        String seen = fingerprint(chainPem, keyPem);
        if (seen.equals(loadedFingerprint) || seen.equals(refusedFingerprint)) {
            return false;
        }
        TlsCredentials next;
        try {
            next = TlsCredentials.parse(chainFile, chainPem, keyFile, keyPem);
        } catch (TlsConfigurationException broken) {
            refuse(seen, broken.getMessage());
            return false;
        }
        if (!install(next)) {
            refuse(seen, "the TLS context could not be built from them");
            install(current); // back to the pair that worked
            return false;
        }
        current = next;
        loadedFingerprint = seen;
        suspectFingerprint = null;
        refusedFingerprint = null;
        LOG.info("TLS certificate reloaded: now presenting {} from {}, valid until {}", next.describe(), chainFile,
                next.certificate().getNotAfter().toInstant());
        next.validityWarning(Instant.now()).ifPresent(LOG::warn);
        return true;
    }

    /** Stops polling; a poll in progress finishes. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdown(); // no interrupt: a poll may be inside file I/O
        }
    }

    private void poll() {
        try {
            reloadIfChanged();
        } catch (RuntimeException unexpected) {
            LOG.warn("checking the TLS certificate files failed: {}", unexpected.toString());
        }
    }

    private void refuse(String state, String problem) {
        if (state.equals(refusedFingerprint)) {
            return;
        }
        if (!state.equals(suspectFingerprint)) {
            suspectFingerprint = state; // perhaps half-way through a renewal: look again on the next poll
            return;
        }
        refusedFingerprint = state;
        LOG.warn("still presenting the TLS certificate {}: the changed files cannot be used: {}", current.describe(),
                problem);
    }

    private boolean install(TlsCredentials credentials) {
        try {
            sslContextFactory.reload(factory -> use(factory, credentials));
            return true;
        } catch (Exception failed) {
            LOG.debug("rebuilding the TLS context failed: {}", failed.getClass().getName());
            return false;
        }
    }

    private void use(SslContextFactory factory, TlsCredentials credentials) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random); // protects an in-memory store only
        factory.setKeyStore(credentials.keyStore(password.toCharArray()));
        factory.setKeyStorePassword(password);
        factory.setCertAlias(TlsCredentials.ALIAS);
    }

    private static String fingerprint(String chainPem, String keyPem) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(chainPem.getBytes(StandardCharsets.ISO_8859_1));
            digest.update((byte) 0);
            digest.update(keyPem.getBytes(StandardCharsets.ISO_8859_1));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static void warnIfOthersCanRead(Path keyFile) {
        try {
            if (Files.getFileAttributeView(keyFile, PosixFileAttributeView.class) == null) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("the TLS private key {} is readable by other users ({}); chmod 600 it", keyFile,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (java.io.IOException | UnsupportedOperationException unknown) {
            LOG.debug("cannot read the permissions of {}: {}", keyFile, unknown.toString());
        }
    }
}

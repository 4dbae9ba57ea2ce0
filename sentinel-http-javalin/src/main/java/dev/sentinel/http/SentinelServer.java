package dev.sentinel.http;

import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.jose.SigningKey;
import dev.sentinel.http.metrics.ServerMetrics;
import dev.sentinel.http.tls.ServerCertificate;
import dev.sentinel.http.tls.TlsConfigurationException;
import dev.sentinel.http.web.Routes;
import dev.sentinel.resource.guard.ClientAddresses;
import dev.sentinel.resource.guard.TokenGuard;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentinel's HTTP server over a running {@link SentinelNode}: the OAuth 2.0 authorization server (token,
 * introspection, revocation, metadata, JWKS), the management API under {@code /api/v1}, the dashboard, the metrics and
 * the health checks, on Javalin (Jetty), plain or over TLS. It holds only what HTTP needs; the node's use cases answer
 * every request, and the node's settings say where to listen.
 *
 * <pre>{@code
 * NodeSettings settings = NodeSettings.builder().port(0).keyEncryptionKey(kek).build();
 * SentinelNode node = SentinelNode.builder(sentinel, settings).throttleBuckets(Bucket4jThrottleBuckets.create()).build();
 * try (SentinelServer server = SentinelServer.of(node).start()) {   // close() closes the node too
 *     URI base = server.baseUri();
 * }
 * }</pre>
 *
 * <p>With {@link NodeSettings.Builder#tls(Path, Path)} it serves HTTPS only, presents a renewed certificate without a
 * restart, and sends {@code Strict-Transport-Security}. The server takes the node over: {@link #close()} stops it
 * gracefully (running requests get the settings' stop timeout), then closes the node, which writes the buffered
 * activity.
 *
 * <p>Thread-safe once started; start and close are meant to be called once each, from one thread.
 */
public final class SentinelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelServer.class);

    private final SentinelNode node;
    private final NodeSettings settings;
    private final ServerMetrics metrics;
    private Javalin app;
    private ServerCertificate certificate;
    private volatile boolean closed;
    private List<Routes.Route> routes = List.of();

    private SentinelServer(SentinelNode node) {
        this.node = Objects.requireNonNull(node, "node");
        this.settings = node.settings();
        this.metrics = new ServerMetrics(node::activityStats, node.throttle());
    }

    /** A server for {@code node}, not listening yet; it closes the node when it is closed. */
    public static SentinelServer of(SentinelNode node) {
        return new SentinelServer(node);
    }

    /**
     * Checks that the TLS certificate and key files can be used, without starting anything (for a command line that
     * checks its options before it opens a store).
     *
     * @throws TlsConfigurationException naming the file and what is wrong with it
     */
    public static void checkTls(Path certificateChainPem, Path privateKeyPem) {
        ServerCertificate.check(certificateChainPem, privateKeyPem);
    }

    /**
     * Reads the TLS certificate and key when configured, starts the node (see {@link SentinelNode#start()}), then
     * listens on the settings' host and port. Fails with
     * {@link TlsConfigurationException} (naming the file) when the certificate or key cannot be used, and with
     * {@link CannotListenException} (naming host, port and why: address not available, port already in use,
     * permission denied) when it cannot listen; a failed start closes the node and leaves nothing running.
     */
    public SentinelServer start() {
        if (app != null || closed) {
            throw new IllegalStateException("the server was started already");
        }
        try {
            return listen();
        } catch (RuntimeException | Error failed) {
            close();
            throw failed;
        }
    }

    private SentinelServer listen() {
        settings.tls().ifPresent(tls -> certificate = ServerCertificate.load(tls.certificateChain(), tls.privateKey()));
        node.start(); // after the TLS files proved usable: a failed start leaves no generated admin token unseen
        ServerWiring wiring = new ServerWiring(node, metrics);
        if (certificate != null) {
            wiring.https(certificate);
        }
        app = wiring.create();
        routes = wiring.routes();
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException failed) {
            throw CannotListenException.of(settings.host(), settings.port(), failed).orElseThrow(() -> failed);
        }
        node.listeningOn(app.port());
        SigningKey signing = node.tokens().keys().current().active();
        LOG.info("Sentinel listening on {} (issuer {}), signing {} with key {} by {}", baseUri(), node.issuer(),
                signing.algorithm().joseName(), signing.kid(), SigningKeyService.signingProvider());
        if (certificate != null) {
            certificate.watch(settings.tlsReloadInterval());
        }
        return this;
    }

    /** The port the server listens on (the chosen one when the settings say port 0). */
    public int port() {
        requireStarted();
        return app.port();
    }

    /** The URL the server listens on, e.g. {@code http://127.0.0.1:8080}, or {@code https://…} with TLS. */
    public URI baseUri() {
        requireStarted();
        return URI.create(settings.baseUrl(app.port()));
    }

    /** The issuer in tokens and metadata: the configured one, or {@link #baseUri()}. */
    public String issuer() {
        requireStarted();
        return node.issuer();
    }

    /** The node this server answers for. */
    public SentinelNode node() {
        return node;
    }

    /**
     * Checks the TLS certificate and key files now rather than at the next poll (e.g. from a renewal hook): returns
     * true when a changed, valid pair is presented from now on; false when nothing changed or the changed pair cannot
     * be used (the previous one keeps serving). Without TLS, false.
     */
    public boolean reloadTlsCertificate() {
        requireStarted();
        return certificate != null && certificate.reloadIfChanged();
    }

    /** The certificate HTTPS presents on new handshakes now; empty without TLS. */
    public Optional<X509Certificate> tlsCertificate() {
        return Optional.ofNullable(certificate).map(ServerCertificate::certificate);
    }

    /**
     * A guard that checks this server's access tokens for protected APIs in the same process (see
     * {@link dev.sentinel.http.guard.SentinelGuard}), recording through the node's activity buffer and trusting the
     * same proxies. A pass's state and allowed networks are re-read at most every 2 seconds.
     */
    public TokenGuard tokenGuard() {
        return tokenGuard(Duration.ofSeconds(2));
    }

    /** {@link #tokenGuard()} with another bound on how stale a pass's state may be (0 to 5 seconds). */
    public TokenGuard tokenGuard(Duration stateTtl) {
        return TokenGuard.builder(node.tokens(), node.recorder()).stateTtl(stateTtl)
                .clientAddresses(ClientAddresses.trusting(settings.trustedProxies())).build();
    }

    /**
     * The registry behind {@code GET /metrics}: meters an embedder registers here are served there too, in the
     * Prometheus text format.
     */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * Stops accepting requests, lets running ones finish (up to the settings' stop timeout), then closes the node: its
     * housekeeping stops and the buffered activity is written.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (certificate != null) {
                certificate.close();
            }
            if (app != null) {
                app.stop();
            }
            metrics.close();
        } finally {
            node.close();
        }
    }

    List<Routes.Route> routes() {
        return routes;
    }

    private void requireStarted() {
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
    }
}

package dev.sentinel.http;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.application.analytics.ActivityRetention;
import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.application.recording.FailedAttempts;
import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.application.token.AccessTokenType;
import dev.sentinel.core.application.token.KeyAlgorithm;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.http.guard.TokenGuard;
import dev.sentinel.http.metrics.ServerMetrics;
import dev.sentinel.http.oauth.DiscoveryEndpoints;
import dev.sentinel.http.throttle.AuthThrottle;
import dev.sentinel.http.throttle.Throttling;
import dev.sentinel.http.web.ClientAddresses;
import dev.sentinel.http.tls.ServerCertificate;
import dev.sentinel.http.tls.TlsConfigurationException;
import dev.sentinel.http.web.Routes;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentinel's HTTP server: the OAuth 2.0 authorization server (token, introspection, revocation, metadata, JWKS), the
 * management API under {@code /api/v1} and the health checks, on Javalin. Build it with {@link #builder(Sentinel)},
 * then {@link #start()}; {@link #close()} stops it gracefully and writes the activity still buffered.
 *
 * <pre>{@code
 * try (SentinelServer server = SentinelServer.builder(sentinel).port(0).build().start()) {
 *     server.generatedAdminToken().ifPresent(token -> System.out.println("admin token: " + token));
 *     URI base = server.baseUri();
 * }
 * }</pre>
 *
 * <p>With {@link Builder#tls(Path, Path)} it serves HTTPS only, presents a renewed certificate without a restart, and
 * sends {@code Strict-Transport-Security}.
 *
 * <p>Thread-safe once started; start and close are meant to be called once each, from one thread.
 */
public final class SentinelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelServer.class);
    /** The key-encryption keys made up for stores configured without one, one per store, for this process only. */
    private static final Map<Storage, byte[]> EPHEMERAL_KEYS = Collections.synchronizedMap(new WeakHashMap<>());
    /** How often the TLS certificate and key files are checked for a renewal unless configured. */
    public static final Duration DEFAULT_TLS_RELOAD_INTERVAL = Duration.ofSeconds(10);

    private final Builder settings;
    private final TokenService tokens;
    private final SigningKeyService keys;
    private final ActivityRecorder recorder;
    private final BatchingActivityRecorder ownRecorder;
    private final ActivityRetention retention;
    private final AuthThrottle throttle;
    private final FailedAttempts failedAttempts;
    private final ServerMetrics metrics;
    private final ScheduledExecutorService housekeeping;
    private volatile String issuer;
    private Javalin app;
    private ServerCertificate certificate;
    private volatile boolean closed;
    private Optional<String> generatedAdminToken = Optional.empty();
    private List<Routes.Route> routes = List.of();

    private SentinelServer(Builder settings) {
        this.settings = settings;
        TokenSettings.Builder tokenSettings = TokenSettings.builder(() -> issuer, settings.keyEncryptionKey)
                .lifetime(settings.tokenLifetime).accessTokenType(settings.accessTokenType);
        if (settings.signingAlgorithm != null) {
            tokenSettings.algorithm(settings.signingAlgorithm);
        }
        if (settings.audience != null) {
            tokenSettings.audience(settings.audience);
        }
        this.tokens = settings.sentinel.tokens(tokenSettings.build());
        this.keys = tokens.keys();
        if (settings.activityRecorder != null) {
            this.recorder = settings.activityRecorder;
            this.ownRecorder = null;
        } else {
            StoringActivityRecorder storing = new StoringActivityRecorder(settings.sentinel.storage());
            this.ownRecorder = BatchingActivityRecorder.writingTo(storing::recordAll).start();
            this.recorder = ownRecorder;
        }
        this.throttle = new AuthThrottle(settings.throttling, settings.sentinel.securityAudit());
        this.failedAttempts = new FailedAttempts(recorder, settings.sentinel.clock(), FailedAttempts.WINDOW);
        this.metrics = new ServerMetrics(this::activityStats, throttle);
        this.retention = new ActivityRetention(settings.sentinel.storage(), settings.sentinel.clock(),
                settings.activityRetention);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sentinel-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts configuring a server for the given Sentinel (its storage, hasher and clock). */
    public static Builder builder(Sentinel sentinel) {
        return new Builder(sentinel);
    }

    /**
     * Reads the TLS certificate and key when configured, makes sure a signing key and an admin token exist, then
     * listens. Fails with {@link TlsConfigurationException} (naming the file) when the certificate or key cannot be
     * used, and with {@link IllegalStateException} when the stored signing key cannot be decrypted with the configured
     * key-encryption key; with {@link CannotListenException} (naming host, port and why: address not available, port
     * already in use, permission denied) when it cannot listen.
     */
    public SentinelServer start() {
        if (app != null || closed) {
            throw new IllegalStateException("the server was started already");
        }
        try {
            return listen();
        } catch (RuntimeException | Error failed) {
            close(); // a failed start leaves no thread, listener or buffer behind
            throw failed;
        }
    }

    private SentinelServer listen() {
        if (settings.tlsCertificateChain != null) {
            certificate = ServerCertificate.load(settings.tlsCertificateChain, settings.tlsPrivateKey);
        }
        AdminTokens adminTokens = settings.adminToken != null ? AdminTokens.configured(settings.adminToken, "admin token")
                : settings.sentinel.adminTokens(new SecureRandom());
        Optional<AdminTokens> ingestTokens = Optional.ofNullable(settings.ingestToken).map(token -> AdminTokens.configured(token, "ingest token"));
        Optional<AdminTokens> metricsTokens = Optional.ofNullable(settings.metricsToken)
                .map(token -> AdminTokens.configured(token, "metrics token"));
        generatedAdminToken = adminTokens.generated();
        tokens.start();
        ServerWiring wiring = new ServerWiring(settings.sentinel, settings.sentinel.passes().as(new Actor("admin-api")),
                tokens, adminTokens, ingestTokens, recorder, metrics, metricsTokens,
                settings.sentinel.ingest(settings.activityRetention), throttle, failedAttempts);
        if (certificate != null) {
            wiring.https(certificate, settings.host, settings.port);
        }
        app = wiring.stopTimeout(settings.stopTimeout).scopesSupported(settings.scopesSupported)
                .clientAddresses(settings.clientAddresses).create();
        routes = wiring.routes();
        if (settings.port != 0) {
            issuer = settings.issuer != null ? settings.issuer : defaultBase(settings.port);
        }
        try {
            app.start(settings.host, settings.port);
        } catch (RuntimeException failed) {
            throw CannotListenException.of(settings.host, settings.port, failed).orElseThrow(() -> failed);
        }
        issuer = settings.issuer != null ? settings.issuer : defaultBase(app.port());
        LOG.info("Sentinel listening on {} (issuer {}, signing {} with {})", defaultBase(app.port()),
                issuer, keys.current().active(), SigningKeyService.signingProvider());
        housekeeping.scheduleWithFixedDelay(this::flushFailedAttempts, 5, 5, TimeUnit.SECONDS);
        if (certificate != null) {
            certificate.watch(settings.tlsReloadInterval);
        }
        housekeeping.scheduleWithFixedDelay(this::purgeOldActivity, 1, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::pruneRevokedTokens, 2, 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::pruneIdempotencyKeys, 3, 60, TimeUnit.MINUTES);
        return this;
    }

    /** The port the server listens on (the chosen one when built with port 0). */
    public int port() {
        requireStarted();
        return app.port();
    }

    /** The URL the server listens on, e.g. {@code http://127.0.0.1:8080}, or {@code https://…} with TLS. */
    public URI baseUri() {
        requireStarted();
        return URI.create(defaultBase(app.port()));
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

    /** The issuer in tokens and metadata: the configured one, or {@link #baseUri()}. */
    public String issuer() {
        requireStarted();
        return issuer;
    }

    /** The admin token generated on this start (print it once); empty when configured or generated before. */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    /**
     * Makes a new signing key and retires the current one, which stays in the JWKS until its tokens have expired.
     * Every node picks the new key up within {@value SigningKeyService#REFRESH_SECONDS} seconds.
     *
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey() {
        return keys.rotate();
    }

    /** The signing keys, e.g. for {@code sentinel keys rotate} against the same store. */
    public SigningKeyService signingKeys() {
        return keys;
    }

    /** The token use cases this server answers with: grant, introspection, revocation. */
    public TokenService tokens() {
        return tokens;
    }

    /**
     * A guard that checks this server's access tokens for protected APIs in the same process (see
     * {@link dev.sentinel.http.guard.SentinelGuard}), recording through this server's activity buffer and trusting the
     * same proxies. A pass's state and allowed networks are re-read at most every 2 seconds.
     */
    public TokenGuard tokenGuard() {
        return tokenGuard(Duration.ofSeconds(2));
    }

    /** {@link #tokenGuard()} with another bound on how stale a pass's state may be (0 to 5 seconds). */
    public TokenGuard tokenGuard(Duration stateTtl) {
        return TokenGuard.builder(tokens, recorder).clock(settings.sentinel.clock()).stateTtl(stateTtl)
                .clientAddresses(settings.clientAddresses).build();
    }

    /** Records the summaries of failed-authentication windows that have ended (it also runs every 5 seconds). */
    public void flushFailedAttempts() {
        try {
            failedAttempts.flush();
        } catch (RuntimeException failure) {
            LOG.warn("recording failed-attempt summaries failed: {}", failure.getMessage());
        }
    }

    /** Deletes raw activity older than the retention period now (it also runs every hour); returns how many. */
    public long purgeOldActivity() {
        try {
            long purged = retention.purge();
            if (purged > 0) {
                LOG.info("deleted {} activity events older than {} days", purged, retention.retention().toDays());
            }
            return purged;
        } catch (RuntimeException failure) {
            LOG.warn("activity retention purge failed: {}", failure.getMessage());
            return 0;
        }
    }

    /** Forgets ingest idempotency keys older than 24 hours now (it also runs every hour); returns how many. */
    public int pruneIdempotencyKeys() {
        try {
            return settings.sentinel.ingest(settings.activityRetention).pruneKeys();
        } catch (RuntimeException failure) {
            LOG.warn("pruning ingest idempotency keys failed: {}", failure.getMessage());
            return 0;
        }
    }

    /**
     * Deletes the revoked-token deny-list entries of tokens that expired more than five minutes ago now (it also runs
     * every hour); returns how many.
     */
    public int pruneRevokedTokens() {
        try {
            int pruned = tokens.pruneRevoked();
            if (pruned > 0) {
                LOG.info("deleted {} revoked-token entries of expired tokens", pruned);
            }
            return pruned;
        } catch (RuntimeException failure) {
            LOG.warn("pruning revoked tokens failed: {}", failure.getMessage());
            return 0;
        }
    }

    /** The counters of the built-in activity buffer (what it took, wrote, refused); empty with a custom recorder. */
    public Optional<RecorderStats> activityStats() {
        return Optional.ofNullable(ownRecorder).map(BatchingActivityRecorder::stats);
    }

    /**
     * The registry behind {@code GET /metrics}: meters an embedder registers here are served there too, in the
     * Prometheus text format.
     */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Stops accepting requests, lets running ones finish, then writes the buffered activity. */
    @Override
    public void close() {
        closed = true;
        housekeeping.shutdownNow();
        if (certificate != null) {
            certificate.close();
        }
        if (app != null) {
            app.stop();
        }
        failedAttempts.close();
        throttle.close();
        if (ownRecorder != null) {
            ownRecorder.close();
        }
        metrics.close();
    }

    List<Routes.Route> routes() {
        return routes;
    }

    private void requireStarted() {
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
    }

    private String defaultBase(int port) {
        String host = settings.host;
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (settings.tlsCertificateChain != null ? "https://" : "http://") + shown + ":" + port;
    }

    /** Chooses where and how the server runs; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private final Sentinel sentinel;
        private String host = "127.0.0.1";
        private int port = 8080;
        private String issuer;
        private String audience;
        private Duration tokenLifetime = Duration.ofMinutes(15);
        private String signingAlgorithm;
        private AccessTokenType accessTokenType = AccessTokenType.AT_JWT;
        private List<String> scopesSupported = List.of();
        private byte[] keyEncryptionKey;
        private String adminToken;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private String ingestToken;
        private String metricsToken;
        private Duration activityRetention = ActivityRetention.DEFAULT;
        private ActivityRecorder activityRecorder;
        private Throttling throttling = Throttling.DEFAULTS;
        private ClientAddresses clientAddresses = ClientAddresses.none();
        private Path tlsCertificateChain;
        private Path tlsPrivateKey;
        private Duration tlsReloadInterval = DEFAULT_TLS_RELOAD_INTERVAL;

        private Builder(Sentinel sentinel) {
            this.sentinel = Objects.requireNonNull(sentinel, "sentinel");
        }

        /** The address to listen on; default {@code 127.0.0.1}. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; default 8080, 0 picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0-65535");
            }
            this.port = value;
            return this;
        }

        /** The {@code iss} of tokens and metadata; default the URL the server listens on. */
        public Builder issuer(String value) {
            this.issuer = value == null || value.isBlank() ? null : URI.create(value.strip()).toString();
            return this;
        }

        /**
         * The {@code aud} of tokens for passes that list no allowed audiences and ask for no RFC 8707 resource;
         * default the issuer.
         */
        public Builder audience(String value) {
            this.audience = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** How long access tokens live, at most (never past the pass's validity); default 15 minutes, 1 s to 24 h. */
        public Builder tokenLifetime(Duration value) {
            Objects.requireNonNull(value, "tokenLifetime");
            if (value.getSeconds() < 1 || value.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("token lifetime must be between 1 second and 24 hours");
            }
            this.tokenLifetime = value;
            return this;
        }

        /**
         * {@code ES256}, {@code EdDSA} (Ed25519) or {@code RS256}: the algorithm of new signing keys; when the store's
         * current key has another algorithm, start makes a new key (the old one stays published until its tokens
         * expire). Unset (the default): the store's current algorithm is kept, and a store without keys starts with
         * {@code ES256}. Null unsets it.
         */
        public Builder signingAlgorithm(String value) {
            this.signingAlgorithm = value == null || value.isBlank() ? null : KeyAlgorithm.parse(value).joseName();
            return this;
        }

        /**
         * The {@code typ} header of access tokens: {@code at+jwt} (the default, RFC 9068) or {@code JWT}, for resource
         * servers that accept no other type (a stock Spring Boot resource server). Sentinel accepts both either way.
         */
        public Builder accessTokenType(AccessTokenType value) {
            this.accessTokenType = Objects.requireNonNull(value, "accessTokenType");
            return this;
        }

        /**
         * The {@code scopes_supported} the authorization server metadata publishes; default none, which leaves the
         * member out so that the metadata does not reveal the permissions of every pass. Each is an RFC 6749 scope
         * token; at most 100.
         */
        public Builder scopesSupported(List<String> value) {
            DiscoveryEndpoints.checkScopes(value);
            this.scopesSupported = List.copyOf(new java.util.LinkedHashSet<>(value));
            return this;
        }

        /**
         * The 32-byte key that encrypts private signing keys at rest (AES-256-GCM). Without one, a random key is used
         * for this process only: fine for in-memory storage, but stored keys then cannot be read after a restart.
         */
        public Builder keyEncryptionKey(byte[] value) {
            if (value == null || value.length != 32) {
                throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
            }
            this.keyEncryptionKey = value.clone();
            return this;
        }

        /**
         * How long {@link SentinelServer#close()} lets running requests finish; default 10 seconds, zero stops at once
         * (tests). A graceful stop takes about a second even when nothing is running.
         */
        public Builder stopTimeout(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("stop timeout must be zero or positive");
            }
            this.stopTimeout = value;
            return this;
        }

        /** The admin bearer token (at least 32 characters, no '.'); default: the stored one, generated on first start. */
        public Builder adminToken(String value) {
            this.adminToken = value == null || value.isBlank() ? null : value;
            return this;
        }

        /**
         * A token (at least 32 characters, no '.') that may only post activity to {@code POST /api/v1/activity}, for
         * remote resource servers; default none (the admin token may always ingest).
         */
        public Builder ingestToken(String value) {
            this.ingestToken = value == null || value.isBlank() ? null : value;
            return this;
        }

        /**
         * A token (at least 32 characters, no '.') that {@code GET /metrics} then requires as
         * {@code Authorization: Bearer}; wrong ones count against the admin-token limit. Default none: the metrics are
         * open to anyone who can reach the server (they hold counts, never pass data).
         */
        public Builder metricsToken(String value) {
            this.metricsToken = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** How long raw activity events are kept (rollups are kept for ever); default 90 days, at least 1 day. */
        public Builder activityRetention(Duration value) {
            if (value == null || value.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("activity retention must be at least 1 day");
            }
            this.activityRetention = value;
            return this;
        }

        /**
         * The limits on failed client, admin-token and ingest-token authentication, per node; default
         * {@link Throttling#DEFAULTS}, {@link Throttling#OFF} for none.
         */
        public Builder throttling(Throttling value) {
            this.throttling = Objects.requireNonNull(value, "throttling");
            return this;
        }

        /**
         * Where authentication attempts go; default a {@link StoringActivityRecorder} behind a bounded buffer and a
         * background writer. A recorder given here is called on the request thread, so it must not block.
         */
        public Builder activityRecorder(ActivityRecorder value) {
            this.activityRecorder = Objects.requireNonNull(value, "activityRecorder");
            return this;
        }

        /**
         * The reverse proxies (CIDR blocks or addresses) trusted to name the client in {@code Forwarded} or
         * {@code X-Forwarded-For}; default none, so the client is always the socket peer. The client is the right-most
         * untrusted hop (see {@link ClientAddresses}); these headers from any other peer change nothing. The guards
         * from {@link SentinelServer#tokenGuard()} use the same setting.
         *
         * @throws IllegalArgumentException naming a malformed block
         */
        public Builder trustedProxies(java.util.Collection<String> cidrs) {
            this.clientAddresses = ClientAddresses.trusting(cidrs);
            return this;
        }

        /**
         * Serves HTTPS (HTTP/1.1 over TLS 1.2 or 1.3) instead of HTTP on the same host and port, presenting the PEM
         * certificate chain in {@code certificateChainPem} (the server's certificate first, then its intermediates)
         * with the unencrypted private key in {@code privateKeyPem} (PKCS#8 {@code BEGIN PRIVATE KEY}, or the
         * traditional {@code BEGIN RSA PRIVATE KEY} and {@code BEGIN EC PRIVATE KEY}; RSA or EC). The default issuer
         * and {@link SentinelServer#baseUri()} then start with {@code https://}, and every reply carries
         * {@code Strict-Transport-Security: max-age=31536000}. The files are read on {@link SentinelServer#start()},
         * which fails naming the file when they cannot be used, and re-read every {@link #tlsReloadInterval(Duration)}:
         * a renewed pair is presented on new connections without a restart; a broken one is refused with a warning,
         * and the previous pair keeps serving. Both files may be the same file.
         */
        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            this.tlsCertificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.tlsPrivateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /** How often the TLS files are checked for a renewed pair; default 10 seconds, at least 100 milliseconds. */
        public Builder tlsReloadInterval(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("the TLS reload interval must be at least 100 milliseconds");
            }
            this.tlsReloadInterval = value;
            return this;
        }

        /**
         * The server, with a copy of these settings: changing the builder afterwards changes nothing in it. Without a
         * key-encryption key, one random key per store for the life of the process is used, so that a retry on the same
         * {@code Sentinel} can still read the keys the first attempt made.
         */
        public SentinelServer build() {
            Builder copy = copy();
            if (copy.keyEncryptionKey == null) {
                LOG.warn("no key-encryption key configured: signing keys are encrypted with a key that lives only in "
                        + "this process");
                copy.keyEncryptionKey = EPHEMERAL_KEYS.computeIfAbsent(sentinel.storage(), storage -> {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    return key;
                }).clone();
            }
            return new SentinelServer(copy);
        }

        private Builder copy() {
            Builder copy = new Builder(sentinel);
            copy.host = host;
            copy.port = port;
            copy.issuer = issuer;
            copy.audience = audience;
            copy.tokenLifetime = tokenLifetime;
            copy.signingAlgorithm = signingAlgorithm;
            copy.accessTokenType = accessTokenType;
            copy.scopesSupported = scopesSupported;
            copy.keyEncryptionKey = keyEncryptionKey == null ? null : keyEncryptionKey.clone();
            copy.adminToken = adminToken;
            copy.stopTimeout = stopTimeout;
            copy.ingestToken = ingestToken;
            copy.metricsToken = metricsToken;
            copy.activityRetention = activityRetention;
            copy.activityRecorder = activityRecorder;
            copy.throttling = throttling;
            copy.clientAddresses = clientAddresses;
            copy.tlsCertificateChain = tlsCertificateChain;
            copy.tlsPrivateKey = tlsPrivateKey;
            copy.tlsReloadInterval = tlsReloadInterval;
            return copy;
        }
    }
}

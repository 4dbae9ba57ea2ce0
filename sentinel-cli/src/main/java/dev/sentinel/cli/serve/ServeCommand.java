package dev.sentinel.cli.serve;

import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.VersionProvider;
import dev.sentinel.cli.options.DurationConverter;
import dev.sentinel.cli.options.HasherOption;
import dev.sentinel.cli.options.KeyEncryptionKeyOptions;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.options.TokenOptions;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.access.SetupLinkService;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.http.CannotListenException;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel serve}: the OAuth 2.0 authorization server and management API on the configured store. Runs until
 * SIGTERM or Ctrl-C, then stops accepting requests, finishes the running ones and closes the store.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Sentinel server: the OAuth 2.0 endpoints and the management API.",
            "Stops gracefully on SIGTERM or Ctrl-C.",
            "",
            "The first start of a new store prints a one-time link (valid 24 hours) that",
            "creates the owner account. The admin token comes from env SENTINEL_ADMIN_TOKEN;",
            "when it is unset, one is generated and stored hashed, never shown:",
            "sentinel admin-token rotate issues one to use. Env",
            "SENTINEL_INGEST_TOKEN sets a token that may only post activity (POST /api/v1/activity).",
            "Private signing keys are encrypted with the key in --key-encryption-key-file, or",
            "env " + KeyEncryptionKey.ENV + " (base64 of 32 bytes), or else the file",
            KeyEncryptionKey.FILE_NAME + " in --data-dir, created on the first start. Nodes sharing a",
            "PostgreSQL database must all use the same key.",
            "",
            "With --tls-cert and --tls-key it serves HTTPS only (TLS 1.2+), re-reads the two",
            "files every --tls-reload-interval and presents a renewed certificate without a",
            "restart.",
            ""})
public final class ServeCommand implements Callable<Integer> {

    static final String ADMIN_TOKEN_ENV = "SENTINEL_ADMIN_TOKEN";
    static final String INGEST_TOKEN_ENV = "SENTINEL_INGEST_TOKEN";
    static final String METRICS_TOKEN_ENV = "SENTINEL_METRICS_TOKEN";
    static final String TLS_CERT_ENV = "SENTINEL_TLS_CERT";
    static final String TLS_KEY_ENV = "SENTINEL_TLS_KEY";

    @Spec
    private CommandSpec spec;
    /** The client secret read from its file, never from the command line (other users can read that). */
    private String oidcClientSecret;
    private String oidcSecretProblem;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:SENTINEL_HOST:-127.0.0.1}",
            description = "Interface to listen on; 0.0.0.0 for all. Env: SENTINEL_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SENTINEL_PORT:-8080}",
            description = "Port to listen on; 0 picks a free one. Env: SENTINEL_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--issuer", paramLabel = "URL", defaultValue = "${env:SENTINEL_ISSUER}",
            description = "Issuer (iss) of tokens and metadata, e.g. https://auth.example.com when behind a proxy. "
                    + "Env: SENTINEL_ISSUER. Default: the URL the server listens on.")
    String issuer;

    @Option(names = "--audience", paramLabel = "URI", defaultValue = "${env:SENTINEL_AUDIENCE}",
            description = "Default aud of tokens, for passes that list no audiences and ask for no resource. "
                    + "Env: SENTINEL_AUDIENCE. Default: the issuer.")
    String audience;

    @Option(names = "--access-token-typ", paramLabel = "TYP", defaultValue = "${env:SENTINEL_ACCESS_TOKEN_TYP}",
            description = "typ header of access tokens: at+jwt (RFC 9068) or JWT (for resource servers that accept no "
                    + "other, e.g. stock Spring Boot). Sentinel accepts both. Env: SENTINEL_ACCESS_TOKEN_TYP. "
                    + "Default: at+jwt")
    String accessTokenTyp;

    @Option(names = "--scopes-supported", paramLabel = "LIST", split = ",",
            defaultValue = "${env:SENTINEL_SCOPES_SUPPORTED}",
            description = "scopes_supported to publish in the authorization server metadata, comma-separated. "
                    + "Env: SENTINEL_SCOPES_SUPPORTED. Default: none (the member is left out).")
    List<String> scopesSupported;

    @Option(names = "--activity-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_ACTIVITY_RETENTION:-90d}",
            description = "How long raw activity events are kept (hourly rollups are kept for ever), at least 1d. "
                    + "Env: SENTINEL_ACTIVITY_RETENTION. Default: ${DEFAULT-VALUE}")
    Duration activityRetention;

    @Option(names = "--audit-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_AUDIT_RETENTION}",
            description = "How long audit entries are kept, at least 1d; older ones are purged hourly behind a signed "
                    + "checkpoint, so the rest still verifies. Env: SENTINEL_AUDIT_RETENTION. Default: kept for ever")
    Duration auditRetention;

    @Option(names = "--require-2fa", paramLabel = "WHO", defaultValue = "${env:SENTINEL_REQUIRE_2FA:-admins}",
            description = "Which password accounts must enrol a second factor (TOTP) at their first sign-in: admins "
                    + "(owners and project admins), all or none. Env: SENTINEL_REQUIRE_2FA. Default: ${DEFAULT-VALUE}")
    String require2fa;

    @Option(names = "--session-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_SESSION_IDLE:-30m}",
            description = "How long a signed-in session may go without a request before it ends, at least 1s and at "
                    + "most --session-max. Env: SENTINEL_SESSION_IDLE. Default: ${DEFAULT-VALUE}")
    Duration sessionIdle;

    @Option(names = "--session-max", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_SESSION_MAX:-12h}",
            description = "How long a signed-in session lasts in all, however busy, at least 1s. "
                    + "Env: SENTINEL_SESSION_MAX. Default: ${DEFAULT-VALUE}")
    Duration sessionMax;

    @Option(names = "--store-outage-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_STORE_OUTAGE_LIMIT:-1m}",
            description = "How long the store may stay unavailable before serve stops with exit code 1, for a supervisor "
                    + "to restart it. Env: SENTINEL_STORE_OUTAGE_LIMIT. Default: ${DEFAULT-VALUE}")
    Duration storeOutageLimit;

    @Option(names = "--client-failure-limit", paramLabel = "N/PERIOD", converter = FailureLimitConverter.class,
            defaultValue = "${env:SENTINEL_CLIENT_FAILURE_LIMIT:-10/1m}",
            description = "Failed client authentications allowed per client id and address (token, introspection, "
                    + "revocation) before 429, refilled over PERIOD; off for none. Env: SENTINEL_CLIENT_FAILURE_LIMIT. "
                    + "Default: ${DEFAULT-VALUE}")
    FailureLimit clientFailureLimit;

    @Option(names = "--address-failure-limit", paramLabel = "N/PERIOD", converter = FailureLimitConverter.class,
            defaultValue = "${env:SENTINEL_ADDRESS_FAILURE_LIMIT:-50/1m}",
            description = "Failed client authentications allowed per address, whatever the client id; off for none. "
                    + "Env: SENTINEL_ADDRESS_FAILURE_LIMIT. Default: ${DEFAULT-VALUE}")
    FailureLimit addressFailureLimit;

    @Option(names = "--admin-failure-limit", paramLabel = "N/PERIOD", converter = FailureLimitConverter.class,
            defaultValue = "${env:SENTINEL_ADMIN_FAILURE_LIMIT:-10/1m}",
            description = "Wrong admin or ingest tokens allowed per address; off for none. "
                    + "Env: SENTINEL_ADMIN_FAILURE_LIMIT. Default: ${DEFAULT-VALUE}")
    FailureLimit adminFailureLimit;

    @Option(names = "--throttle-ipv6-prefix", paramLabel = "BITS",
            defaultValue = "${env:SENTINEL_THROTTLE_IPV6_PREFIX:-64}",
            description = "IPv6 clients count against the failure limits by their network of this many leading bits "
                    + "(32-128; 128: every address on its own). Env: SENTINEL_THROTTLE_IPV6_PREFIX. "
                    + "Default: ${DEFAULT-VALUE}")
    int throttleIpv6Prefix;

    @Option(names = "--throttle-recent-success", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_THROTTLE_RECENT_SUCCESS:-24h}",
            description = "A client id that authenticated from an address within this time is not held to "
                    + "--address-failure-limit there (0 for never, at most 30d). Env: SENTINEL_THROTTLE_RECENT_SUCCESS. "
                    + "Default: ${DEFAULT-VALUE}")
    Duration throttleRecentSuccess;
    @Option(names = "--trusted-proxies", paramLabel = "CIDR", split = ",", defaultValue = "${env:SENTINEL_TRUSTED_PROXIES}",
            description = "Reverse proxies trusted to name the client in Forwarded / X-Forwarded-For (CIDR blocks or "
                    + "addresses, comma-separated). The client is the right-most hop that is not one of them; these "
                    + "headers from any other peer are ignored. Env: SENTINEL_TRUSTED_PROXIES. Default: none (the socket "
                    + "peer is the client).")
    List<String> trustedProxies;

    @Option(names = "--metrics-token", paramLabel = "TOKEN", defaultValue = "${env:" + METRICS_TOKEN_ENV + "}",
            description = "Require Authorization: Bearer TOKEN on GET /metrics (at least 32 characters, no '.'); "
                    + "prefer the env variable, which other local users cannot read from the process list. Env: "
                    + METRICS_TOKEN_ENV + ". Default: none (the metrics are open).")
    String metricsToken;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:" + TLS_CERT_ENV + "}",
            description = "Serve HTTPS with this PEM certificate chain (the server's certificate first, then its "
                    + "intermediates); needs --tls-key. Env: " + TLS_CERT_ENV + ".")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:" + TLS_KEY_ENV + "}",
            description = "The certificate's unencrypted PEM private key, RSA or EC: BEGIN PRIVATE KEY (PKCS#8), "
                    + "BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY; may be the same file as --tls-cert. Env: "
                    + TLS_KEY_ENV + ".")
    Path tlsKey;

    @Option(names = "--tls-reload-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:SENTINEL_TLS_RELOAD_INTERVAL:-10s}",
            description = "How often the two TLS files are checked for a renewed certificate, at least 1s. "
                    + "Env: SENTINEL_TLS_RELOAD_INTERVAL. Default: ${DEFAULT-VALUE}")
    Duration tlsReloadInterval;

    @Option(names = "--oidc-issuer", paramLabel = "URL", defaultValue = "${env:SENTINEL_OIDC_ISSUER}",
            description = "Offer single sign-on through this OpenID provider (its issuer URL; https, http only on "
                    + "loopback); needs --oidc-client-id and --oidc-client-secret-file. Register "
                    + "<issuer of Sentinel>/auth/oidc/callback as the redirect URI there. Env: SENTINEL_OIDC_ISSUER. "
                    + "Default: none.")
    String oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", defaultValue = "${env:SENTINEL_OIDC_CLIENT_ID}",
            description = "The client id Sentinel is registered with at the provider. Env: SENTINEL_OIDC_CLIENT_ID.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret-file", paramLabel = "FILE",
            defaultValue = "${env:SENTINEL_OIDC_CLIENT_SECRET_FILE}",
            description = "File holding the client secret from the provider (one line; readable by its owner only). "
                    + "Env: SENTINEL_OIDC_CLIENT_SECRET_FILE.")
    Path oidcClientSecretFile;

    @Option(names = "--oidc-name", paramLabel = "NAME", defaultValue = "${env:SENTINEL_OIDC_NAME}",
            description = "The provider's name on the sign-in page (\"Sign in with NAME\"), at most 40 characters. "
                    + "Env: SENTINEL_OIDC_NAME. Default: single sign-on")
    String oidcName;

    @Option(names = "--oidc-roles-claim", paramLabel = "CLAIM", defaultValue = "${env:SENTINEL_OIDC_ROLES_CLAIM}",
            description = "ID-token claim (e.g. groups) whose values set roles at every sign-in: sentinel-owner, "
                    + "<project>:admin, <project>:viewer. Env: SENTINEL_OIDC_ROLES_CLAIM. Default: none (roles are "
                    + "given in Sentinel).")
    String oidcRolesClaim;

    @Option(names = "--allow-private-targets", defaultValue = "${env:SENTINEL_ALLOW_PRIVATE_TARGETS:-false}",
            description = "Let the server fetch keys and metadata (jwks_uri of passes, issuers of trust policies) from "
                    + "loopback, link-local and private addresses, and over plain http from them; logged as a warning "
                    + "at start. Without it only https to public addresses and the owner's allowed hosts "
                    + "(sentinel allowed-host add). Env: SENTINEL_ALLOW_PRIVATE_TARGETS=true. Default: off.")
    boolean allowPrivateTargets;

    @Option(names = "--accept-token-endpoint-audience",
            defaultValue = "${env:SENTINEL_ACCEPT_TOKEN_ENDPOINT_AUDIENCE:-false}",
            description = "Accept the token endpoint URL (not only the issuer) as the aud of every private_key_jwt "
                    + "client assertion, as Spring Security's client sends it by default; a pass can opt in alone with "
                    + "accept_token_endpoint_audience. Env: SENTINEL_ACCEPT_TOKEN_ENDPOINT_AUDIENCE=true. Default: off "
                    + "(the issuer is the sole audience).")
    boolean acceptTokenEndpointAudience;

    @Mixin
    TokenOptions tokenOptions;

    @Mixin
    HasherOption hasher;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KeyEncryptionKeyOptions keyEncryptionKeyOptions;

    @Override
    public Integer call() throws InterruptedException {
        NodeSettings.Builder settings = settings();
        validate(settings);
        JdbiStorage storage = storeOptions.openOrCreate();
        byte[] keyEncryptionKey = new byte[0];
        SentinelNode node = null;
        SentinelServer server;
        try {
            keyEncryptionKey = keyEncryptionKeyOptions.resolve(storeOptions.dataDir(), true);
            Sentinel sentinel = Sentinel.builder().storage(storage).hasher(hasher.hasher()).build();
            node = SentinelNode.builder(sentinel, settings.keyEncryptionKey(keyEncryptionKey).build())
                    .throttleBuckets(Bucket4jThrottleBuckets.create()).build();
            server = SentinelServer.of(node).start(); // a failed start closes the node
        } catch (CannotListenException cannotListen) {
            closeAll(node, storage);
            throw new CommandFailedException(cannotListen.getMessage(), cannotListen);
        } catch (RuntimeException failed) {
            closeAll(node, storage);
            throw failed;
        } finally {
            Arrays.fill(keyEncryptionKey, (byte) 0);
        }
        GracefulStop stop = new GracefulStop(server, node, storage, spec.commandLine().getErr()).install();
        if (storage.created()) {
            spec.commandLine().getErr().println(StoreOptions.createdNote(storage));
            spec.commandLine().getErr().flush();
        }
        announce(server);
        try (StoreWatchdog watchdog = new StoreWatchdog(() -> stop.stopping() || storage.isReachable(), storeOutageLimit, () -> stop.stopWith(1),
                spec.commandLine().getErr(), System::nanoTime).start()) {
            return stop.awaitStop();
        }
    }

    private static void closeAll(SentinelNode node, JdbiStorage storage) {
        try (storage) {
            if (node != null) {
                node.close();
            }
        }
    }

    /** The node's settings as the options and env variables give them; {@link #validate} checks them. */
    private NodeSettings.Builder settings() {
        readOidcClientSecret();
        NodeSettings.Builder settings = NodeSettings.builder().host(host).port(port).issuer(issuer).audience(audience)
                .tokenLifetime(tokenOptions.tokenLifetime()).signingAlgorithm(tokenOptions.signingAlgorithm())
                .accessTokenType(accessTokenTyp).scopesSupported(words(scopesSupported))
                .activityRetention(activityRetention).sessionIdle(sessionIdle).sessionMax(sessionMax)
                .twoFactor(require2fa == null ? "admins" : require2fa)
                .throttling(new Throttling(clientFailureLimit, addressFailureLimit, adminFailureLimit))
                .throttleIpv6Prefix(throttleIpv6Prefix).throttleRecentSuccess(throttleRecentSuccess)
                .trustedProxies(words(trustedProxies)).metricsToken(metricsToken)
                .adminToken(System.getenv(ADMIN_TOKEN_ENV)).ingestToken(System.getenv(INGEST_TOKEN_ENV))
                .tlsReloadInterval(tlsReloadInterval).allowPrivateTargets(allowPrivateTargets)
                .acceptTokenEndpointAudience(acceptTokenEndpointAudience)
                .oidc(oidcIssuer, oidcClientId, oidcClientSecret).oidcName(oidcName).oidcRolesClaim(oidcRolesClaim);
        if (auditRetention != null) {
            settings.auditRetention(auditRetention);
        }
        tlsCert = blankToNull(tlsCert);
        tlsKey = blankToNull(tlsKey);
        if (tlsCert != null && tlsKey != null) {
            settings.tls(tlsCert, tlsKey);
        }
        return settings;
    }

    /**
     * Checks every option before anything is opened or created: the node's own rules (all broken ones named at once,
     * each by its option), that both TLS files or neither are given and can be read, and the store-outage limit.
     */
    private void validate(NodeSettings.Builder settings) {
        validateTls();
        if (storeOutageLimit.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ParameterException(spec.commandLine(), "--store-outage-limit must be at least 1s (got "
                    + storeOutageLimit + ")");
        }
        ValidationException invalid = null;
        try {
            settings.build();
        } catch (ValidationException broken) {
            invalid = broken;
        }
        if (invalid != null || oidcSecretProblem != null) {
            throw ServeOptions.refusal(spec.commandLine(), invalid,
                    oidcSecretProblem == null ? List.of() : List.of(oidcSecretProblem));
        }
        if (tlsCert != null) {
            SentinelServer.checkTls(tlsCert, tlsKey); // before the store is opened or created
        }
    }

    /**
     * Reads the client secret from {@code --oidc-client-secret-file} like the key-encryption key file: trimmed, a
     * warning when other users may read the file; a missing or empty file is a problem of that option.
     */
    private void readOidcClientSecret() {
        Path file = blankToNull(oidcClientSecretFile);
        if (file == null) {
            return;
        }
        try {
            String secret = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (secret.isEmpty() || secret.contains("\n")) {
                oidcSecretProblem = "--oidc-client-secret-file " + file + " must hold the client secret on one line";
                return;
            }
            oidcClientSecret = secret;
            SecretFiles.warnIfOthersCanRead(file, "the OpenID client secret file");
        } catch (java.io.IOException unreadable) {
            oidcSecretProblem = "--oidc-client-secret-file cannot read " + file + " (" + unreadable.getClass()
                    .getSimpleName().replace("Exception", "") + ")";
        }
    }

    /** The items of a comma-separated option (from the command line or its env variable), stripped, none empty. */
    private static List<String> words(List<String> items) {
        return items == null ? List.of() : items.stream().map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** Both TLS files or neither, from options or env. */
    private void validateTls() {
        tlsCert = blankToNull(tlsCert);
        tlsKey = blankToNull(tlsKey);
        if (tlsCert != null && tlsKey == null) {
            throw new ParameterException(spec.commandLine(), "--tls-cert needs --tls-key (or env " + TLS_KEY_ENV
                    + "): the private key of the certificate");
        }
        if (tlsKey != null && tlsCert == null) {
            throw new ParameterException(spec.commandLine(), "--tls-key needs --tls-cert (or env " + TLS_CERT_ENV
                    + "): the certificate chain of the key");
        }
    }

    private static Path blankToNull(Path file) {
        return file == null || file.toString().isBlank() ? null : file;
    }

    /**
     * On the first start of a store (the node generated its admin token, never shown since set-up links) without
     * accounts: the set-up link of the first owner, at the address people open ({@code --issuer} when set).
     */
    private Optional<String> firstRunLink(SentinelServer server) {
        if (server.node().generatedAdminToken().isEmpty()) {
            return Optional.empty();
        }
        String base = issuer != null && !issuer.isBlank() ? issuer.strip() : NextSteps.reachable(server.baseUri());
        return server.node().setupLinks().issueFirstOwner().map(link -> link.url(base));
    }

    private void announce(SentinelServer server) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Sentinel " + VersionProvider.version() + " listening on " + server.baseUri());
        firstRunLink(server).ifPresent(link -> {
            out.println("First run: create the owner account with this one-time link (valid "
                    + SetupLinkService.VALIDITY.toHours() + " hours, usable once):");
            out.println("  " + link);
        });
        List<String> proxies = server.node().settings().trustedProxies();
        if (!proxies.isEmpty()) {
            out.println("Client addresses from Forwarded / X-Forwarded-For of trusted proxies " + String.join(",", proxies));
        }
        NextSteps.lines(server.baseUri(), NextSteps.sentinelCommand(), storeOptions.sameStoreArguments(),
                server.node().settings().tls().map(tls -> tls.certificateChain())).forEach(out::println);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}

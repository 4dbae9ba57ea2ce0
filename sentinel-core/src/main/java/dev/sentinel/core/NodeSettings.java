package dev.sentinel.core;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.analytics.ActivityRetention;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.CidrBlock;
import dev.sentinel.core.domain.ScopeTokens;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.jose.KeyAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a running Sentinel node is configured with — where it listens (and with which TLS files), how it issues
 * tokens, its admin, ingest and metrics tokens, how long it keeps activity, how it throttles failed authentication,
 * which proxies it trusts — as one value whose every rule is checked in one place, {@link Builder#build()}, which
 * names all broken rules at once. {@code sentinel serve} fills it from its options; an application embedding the
 * server fills it in code. Immutable and thread-safe; the key-encryption key is copied in and out.
 */
public final class NodeSettings {

    /** The default access-token lifetime. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = TokenSettings.DEFAULT_LIFETIME;
    /** The shortest access-token lifetime. */
    public static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(1);
    /** How often the TLS certificate and key files are checked for a renewal unless configured. */
    public static final Duration DEFAULT_TLS_RELOAD_INTERVAL = Duration.ofSeconds(10);
    /** The shortest interval between two checks of the TLS files. */
    public static final Duration MIN_TLS_RELOAD_INTERVAL = Duration.ofSeconds(1);
    /** How long a stop lets running requests finish unless configured. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest time raw activity is kept. */
    public static final Duration MIN_ACTIVITY_RETENTION = Duration.ofDays(1);

    /** The PEM certificate chain and private key HTTPS presents. */
    public record Tls(Path certificateChain, Path privateKey) {

        public Tls {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /**
     * Single sign-on through an OpenID provider: its issuer URL (discovery at {@code <issuer>/.well-known/openid-configuration}),
     * the client id and secret Sentinel is registered with there, the name on the sign-in button, and the claim whose
     * values set roles (empty: roles are kept in Sentinel). Its {@link #toString()} hides the secret.
     */
    public record SingleSignOn(URI issuer, String clientId, String clientSecret, String name, Optional<String> rolesClaim) {

        public static final String DEFAULT_NAME = "single sign-on";

        public SingleSignOn {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rolesClaim, "rolesClaim");
        }

        @Override
        public String toString() {
            return "SingleSignOn[" + issuer + ", client " + clientId + ", name " + name + ", rolesClaim "
                    + rolesClaim.orElse("(none)") + ", secret hidden]";
        }
    }

    private final String host;
    private final int port;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Duration tokenLifetime;
    private final Optional<KeyAlgorithm> signingAlgorithm;
    private final AccessTokenType accessTokenType;
    private final List<String> scopesSupported;
    private final byte[] keyEncryptionKey;
    private final Duration stopTimeout;
    private final Optional<String> adminToken;
    private final Optional<String> ingestToken;
    private final Optional<String> metricsToken;
    private final Duration activityRetention;
    private final Optional<Duration> auditRetention;
    private final Throttling throttling;
    private final List<String> trustedProxies;
    private final Optional<Tls> tls;
    private final Duration tlsReloadInterval;
    private final Optional<SingleSignOn> singleSignOn;
    private final dev.sentinel.core.application.access.SessionLimits sessionLimits;
    private final dev.sentinel.core.application.access.TwoFactorRequirement twoFactor;
    private final boolean allowPrivateTargets;
    private final Duration keysStaleIfError;
    private final boolean acceptTokenEndpointAudience;

    private NodeSettings(Builder builder, Optional<KeyAlgorithm> signingAlgorithm, AccessTokenType accessTokenType,
                         List<String> trustedProxies, Throttling throttling, Optional<SingleSignOn> singleSignOn) {
        this.host = builder.host;
        this.port = builder.port;
        this.issuer = builder.issuer.map(value -> URI.create(value).toString());
        this.audience = builder.audience;
        this.tokenLifetime = builder.tokenLifetime;
        this.signingAlgorithm = signingAlgorithm;
        this.accessTokenType = accessTokenType;
        this.scopesSupported = List.copyOf(new LinkedHashSet<>(builder.scopesSupported));
        this.keyEncryptionKey = builder.keyEncryptionKey == null ? null : builder.keyEncryptionKey.clone();
        this.stopTimeout = builder.stopTimeout;
        this.adminToken = builder.adminToken;
        this.ingestToken = builder.ingestToken;
        this.metricsToken = builder.metricsToken;
        this.activityRetention = builder.activityRetention;
        this.auditRetention = builder.auditRetention;
        this.throttling = throttling;
        this.trustedProxies = trustedProxies;
        this.tls = builder.tls;
        this.tlsReloadInterval = builder.tlsReloadInterval;
        this.singleSignOn = singleSignOn;
        this.sessionLimits = new dev.sentinel.core.application.access.SessionLimits(builder.sessionIdle,
                builder.sessionMax);
        this.twoFactor = builder.twoFactor;
        this.allowPrivateTargets = builder.allowPrivateTargets;
        this.keysStaleIfError = builder.keysStaleIfError;
        this.acceptTokenEndpointAudience = builder.acceptTokenEndpointAudience;
    }

    /** Settings with every default: loopback, port 8080, no TLS, the stored admin token. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address to listen on; default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** The port; 0 picks a free one. Default 8080. */
    public int port() {
        return port;
    }

    /** The configured {@code iss} of tokens and metadata; empty: the URL the server listens on. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** The default {@code aud}; empty: the issuer. */
    public Optional<String> audience() {
        return audience;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The algorithm of new signing keys; empty: the store's current one. */
    public Optional<KeyAlgorithm> signingAlgorithm() {
        return signingAlgorithm;
    }

    public AccessTokenType accessTokenType() {
        return accessTokenType;
    }

    public List<String> scopesSupported() {
        return scopesSupported;
    }

    /** A copy of the configured key-encryption key; empty when none was configured. */
    public Optional<byte[]> keyEncryptionKey() {
        return Optional.ofNullable(keyEncryptionKey).map(byte[]::clone);
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** The configured admin token; empty: the one stored (hashed) in the store. */
    public Optional<String> adminToken() {
        return adminToken;
    }

    public Optional<String> ingestToken() {
        return ingestToken;
    }

    public Optional<String> metricsToken() {
        return metricsToken;
    }

    public Duration activityRetention() {
        return activityRetention;
    }

    /** How long audit entries are kept; empty (the default): for ever. */
    public Optional<Duration> auditRetention() {
        return auditRetention;
    }

    public Throttling throttling() {
        return throttling;
    }

    /** The trusted proxy blocks in canonical form; empty when none is trusted. */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    public Optional<Tls> tls() {
        return tls;
    }

    public Duration tlsReloadInterval() {
        return tlsReloadInterval;
    }

    /** Single sign-on through an OpenID provider; empty (the default): none. */
    public Optional<SingleSignOn> singleSignOn() {
        return singleSignOn;
    }

    /** How long a signed-in session lasts idle and in all. */
    public dev.sentinel.core.application.access.SessionLimits sessionLimits() {
        return sessionLimits;
    }

    /** Which password accounts must enrol a second factor at sign-in. */
    public dev.sentinel.core.application.access.TwoFactorRequirement twoFactor() {
        return twoFactor;
    }

    /**
     * Whether the node fetches keys and metadata from loopback, link-local and private addresses too (and over plain
     * http from them); default false: only https to public addresses and the owner's allowed hosts.
     */
    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    /** How long past their lifetime fetched key sets are used while their issuer cannot be reached; default 1 h. */
    public Duration keysStaleIfError() {
        return keysStaleIfError;
    }

    /**
     * Whether every {@code private_key_jwt} pass's client assertions may name the token endpoint URL as their
     * {@code aud} besides the issuer (Spring Security's client sends it); default no.
     */
    public boolean acceptTokenEndpointAudience() {
        return acceptTokenEndpointAudience;
    }

    /** The URL of this node on {@code boundPort}, e.g. {@code https://[::1]:8443}: its default issuer. */
    public String baseUrl(int boundPort) {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls.isPresent() ? "https://" : "http://") + shown + ":" + boundPort;
    }

    @Override
    public String toString() {
        return "NodeSettings[" + host + ":" + port + ", issuer=" + issuer.orElse("(listening URL)") + ", tls="
                + tls.isPresent() + ", tokenLifetime=" + tokenLifetime + ", tokens hidden]";
    }

    /** Collects the values; {@link #build()} checks them all and copies them. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Optional<String> issuer = Optional.empty();
        private Optional<String> audience = Optional.empty();
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private Optional<String> signingAlgorithm = Optional.empty();
        private Optional<String> accessTokenType = Optional.empty();
        private List<String> scopesSupported = List.of();
        private byte[] keyEncryptionKey;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private Optional<String> adminToken = Optional.empty();
        private Optional<String> ingestToken = Optional.empty();
        private Optional<String> metricsToken = Optional.empty();
        private Duration activityRetention = ActivityRetention.DEFAULT;
        private Optional<Duration> auditRetention = Optional.empty();
        private Throttling throttling = Throttling.DEFAULTS;
        private Integer throttleIpv6Prefix;
        private Duration throttleRecentSuccess;
        private List<String> trustedProxies = List.of();
        private Optional<Tls> tls = Optional.empty();
        private Duration tlsReloadInterval = DEFAULT_TLS_RELOAD_INTERVAL;
        private Optional<String> oidcIssuer = Optional.empty();
        private Optional<String> oidcClientId = Optional.empty();
        private Optional<String> oidcClientSecret = Optional.empty();
        private Optional<String> oidcName = Optional.empty();
        private Optional<String> oidcRolesClaim = Optional.empty();
        private Duration sessionIdle = dev.sentinel.core.application.access.SessionLimits.DEFAULT_IDLE;
        private Duration sessionMax = dev.sentinel.core.application.access.SessionLimits.DEFAULT_ABSOLUTE;
        private dev.sentinel.core.application.access.TwoFactorRequirement twoFactor =
                dev.sentinel.core.application.access.TwoFactorRequirement.ADMINS;
        private String twoFactorName;
        private boolean allowPrivateTargets;
        private Duration keysStaleIfError = dev.sentinel.core.fetch.HttpKeySources.DEFAULT_STALE_IF_ERROR;
        private boolean acceptTokenEndpointAudience;

        private Builder() {
        }

        /** Lets the node fetch keys from private, loopback and link-local addresses (and over plain http from them). */
        public Builder allowPrivateTargets(boolean value) {
            this.allowPrivateTargets = value;
            return this;
        }

        /** How long past their lifetime fetched keys are used while fetching fails; 0 to 7 days, default 1 h. */
        public Builder keysStaleIfError(Duration value) {
            this.keysStaleIfError = Objects.requireNonNull(value, "keysStaleIfError");
            return this;
        }

        /** The address to listen on; default {@code 127.0.0.1} (loopback only), {@code 0.0.0.0} for all. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host").strip();
            return this;
        }

        /** The port; default 8080, 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The {@code iss} of tokens and metadata; default (null or blank) the URL the server listens on. */
        public Builder issuer(String value) {
            this.issuer = blankToEmpty(value);
            return this;
        }

        /**
         * The {@code aud} of tokens for passes that list no allowed audiences and ask for no RFC 8707 resource;
         * default (null or blank) the issuer.
         */
        public Builder audience(String value) {
            this.audience = blankToEmpty(value);
            return this;
        }

        /** How long access tokens live, at most (never past the pass's validity); default 15 minutes, 1 s to 24 h. */
        public Builder tokenLifetime(Duration value) {
            this.tokenLifetime = Objects.requireNonNull(value, "tokenLifetime");
            return this;
        }

        /**
         * {@code ES256}, {@code EdDSA} (Ed25519) or {@code RS256}: the algorithm of new signing keys; when the store's
         * current key has another algorithm, start makes a new key (the old one stays published until its tokens
         * expire). Default (null or blank): the store's current algorithm, {@code ES256} for a store without keys.
         */
        public Builder signingAlgorithm(String value) {
            this.signingAlgorithm = blankToEmpty(value);
            return this;
        }

        /**
         * The {@code typ} header of access tokens: {@code at+jwt} (the default, RFC 9068) or {@code JWT}, for resource
         * servers that accept no other type (a stock Spring Boot resource server). Sentinel accepts both either way.
         */
        public Builder accessTokenType(AccessTokenType value) {
            this.accessTokenType = Optional.of(Objects.requireNonNull(value, "accessTokenType").headerValue());
            return this;
        }

        /** As {@link #accessTokenType(AccessTokenType)}, by name; null or blank for the default. */
        public Builder accessTokenType(String value) {
            this.accessTokenType = blankToEmpty(value);
            return this;
        }

        /**
         * The {@code scopes_supported} the authorization server metadata publishes; default none, which leaves the
         * member out so that the metadata does not reveal the permissions of every pass. Each an RFC 6749 scope token;
         * at most 100.
         */
        public Builder scopesSupported(List<String> value) {
            this.scopesSupported = List.copyOf(value);
            return this;
        }

        /**
         * The 32-byte key that encrypts private signing keys at rest (AES-256-GCM). Without one, a random key is used
         * for this process only: fine for in-memory storage, but stored keys then cannot be read after a restart.
         */
        public Builder keyEncryptionKey(byte[] value) {
            this.keyEncryptionKey = Objects.requireNonNull(value, "keyEncryptionKey").clone();
            return this;
        }

        /**
         * How long a stop lets running requests finish; default 10 seconds, zero stops at once (tests). A graceful
         * stop takes about a second even when nothing is running.
         */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        /** The admin bearer token (at least 32 characters, no '.'); default: the stored one, generated on first start. */
        public Builder adminToken(String value) {
            this.adminToken = value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
            return this;
        }

        /**
         * A token (at least 32 characters, no '.') that may only post activity to {@code POST /api/v1/activity}, for
         * remote resource servers; default none (the admin token may always ingest).
         */
        public Builder ingestToken(String value) {
            this.ingestToken = value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
            return this;
        }

        /**
         * A token (at least 32 characters, no '.') that {@code GET /metrics} then requires as
         * {@code Authorization: Bearer}; wrong ones count against the admin-token limit. Default none: the metrics are
         * open to anyone who can reach the server (they hold counts, never pass data).
         */
        public Builder metricsToken(String value) {
            this.metricsToken = value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
            return this;
        }

        /** How long raw activity events are kept (rollups are kept for ever); default 90 days, at least 1 day. */
        /**
         * Keeps audit entries for {@code value} (at least 1 day): older ones are purged hourly behind a signed
         * checkpoint, so the rest still verifies. Unset, they are kept for ever.
         */
        public Builder auditRetention(Duration value) {
            this.auditRetention = Optional.of(Objects.requireNonNull(value, "auditRetention"));
            return this;
        }

        /** How long a signed-in session may stay idle; default 30 minutes, at least 1s, at most {@link #sessionMax}. */
        public Builder sessionIdle(Duration value) {
            this.sessionIdle = Objects.requireNonNull(value, "sessionIdle");
            return this;
        }

        /** How long a signed-in session lasts in all; default 12 hours, at least 1s. */
        public Builder sessionMax(Duration value) {
            this.sessionMax = Objects.requireNonNull(value, "sessionMax");
            return this;
        }

        /** Which password accounts must enrol a second factor; default {@code ADMINS}. */
        public Builder twoFactor(dev.sentinel.core.application.access.TwoFactorRequirement value) {
            this.twoFactor = Objects.requireNonNull(value, "twoFactor");
            this.twoFactorName = null;
            return this;
        }

        /** {@link #twoFactor} by name ({@code admins}, {@code all}, {@code none}), checked by {@link #build()}. */
        public Builder twoFactor(String value) {
            this.twoFactorName = Objects.requireNonNull(value, "twoFactor");
            return this;
        }

        /** Lets every pass's client assertions name the token endpoint URL as their audience (default: no). */
        public Builder acceptTokenEndpointAudience(boolean value) {
            this.acceptTokenEndpointAudience = value;
            return this;
        }

        public Builder activityRetention(Duration value) {
            this.activityRetention = Objects.requireNonNull(value, "activityRetention");
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
         * How many leading bits of an IPv6 address make one source for the failure limits: default
         * {@value Throttling#DEFAULT_IPV6_PREFIX} (a host commonly holds a whole /64 and could take a new address for
         * every attempt), 32–128; 128 counts every IPv6 address on its own. Overrides the one in
         * {@link #throttling(Throttling)}.
         */
        public Builder throttleIpv6Prefix(int bits) {
            this.throttleIpv6Prefix = bits;
            return this;
        }

        /**
         * How long a successful client authentication lets its (client id, source) pair past the per-address failure
         * limit, in this node's memory: default 24 hours, zero for never, at most 30 days. Overrides the one in
         * {@link #throttling(Throttling)}.
         */
        public Builder throttleRecentSuccess(Duration window) {
            this.throttleRecentSuccess = Objects.requireNonNull(window, "throttleRecentSuccess");
            return this;
        }

        /**
         * The reverse proxies (CIDR blocks or addresses) trusted to name the client in {@code Forwarded} or
         * {@code X-Forwarded-For}; default none, so the client is always the socket peer.
         */
        public Builder trustedProxies(java.util.Collection<String> cidrs) {
            this.trustedProxies = List.copyOf(cidrs);
            return this;
        }

        /**
         * Serves HTTPS (HTTP/1.1 over TLS 1.2 or 1.3) instead of HTTP on the same host and port, presenting the PEM
         * certificate chain in {@code certificateChainPem} (the server's certificate first, then its intermediates)
         * with the unencrypted private key in {@code privateKeyPem}. The default issuer then starts with
         * {@code https://}, and every reply carries {@code Strict-Transport-Security}. The files are read when the
         * server starts and re-read every {@link #tlsReloadInterval(Duration)}. Both files may be the same file.
         */
        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            this.tls = Optional.of(new Tls(certificateChainPem, privateKeyPem));
            return this;
        }

        /** How often the TLS files are checked for a renewed pair; default 10 seconds, at least 1 second. */
        public Builder tlsReloadInterval(Duration value) {
            this.tlsReloadInterval = Objects.requireNonNull(value, "tlsReloadInterval");
            return this;
        }

        /**
         * Signs people in through the OpenID provider {@code issuer} (an https URL; http only for a loopback host, for
         * tests), where Sentinel is registered as a confidential client with {@code clientId} and {@code clientSecret}
         * and the redirect URI {@code <issuer of this node>/auth/oidc/callback}. All three, or none (null or blank).
         */
        public Builder oidc(String issuer, String clientId, String clientSecret) {
            this.oidcIssuer = blankToEmpty(issuer);
            this.oidcClientId = blankToEmpty(clientId);
            this.oidcClientSecret = blankToEmpty(clientSecret);
            return this;
        }

        /** The provider's name on the sign-in button ("Sign in with NAME"), 1-40 characters; default "single sign-on". */
        public Builder oidcName(String value) {
            this.oidcName = blankToEmpty(value);
            return this;
        }

        /**
         * The ID-token claim (e.g. {@code groups}) whose values set each signing-in account's roles (see
         * {@code SsoRoles}); default none: roles are given in Sentinel only.
         */
        public Builder oidcRolesClaim(String value) {
            this.oidcRolesClaim = blankToEmpty(value);
            return this;
        }

        /**
         * The settings, with a copy of every value: changing the builder afterwards changes nothing in them.
         *
         * @throws ValidationException naming every broken rule, each by its field (snake_case, e.g. {@code port},
         *                             {@code token_lifetime})
         */
        public NodeSettings build() {
            Violations violations = new Violations();
            if (host.isEmpty()) {
                violations.add("host", "must not be blank");
            }
            if (port < 0 || port > 65535) {
                violations.add("port", "must be between 0 and 65535 (got " + port + ")");
            }
            issuer.ifPresent(value -> parsed(violations, "issuer", () -> URI.create(value)));
            audience.filter(value -> value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)).ifPresent(value ->
                    violations.add("audience", "must be visible ASCII without spaces (got '" + value + "')"));
            if (tokenLifetime.compareTo(MIN_TOKEN_LIFETIME) < 0 || tokenLifetime.compareTo(TokenSettings.MAX_LIFETIME) > 0) {
                violations.add("token_lifetime", "must be between 1s and 24h (got " + tokenLifetime + ")");
            }
            Optional<KeyAlgorithm> algorithm = signingAlgorithm.map(value ->
                    parsed(violations, "signing_algorithm", () -> KeyAlgorithm.parse(value)));
            AccessTokenType type = accessTokenType.map(value ->
                    parsed(violations, "access_token_typ", () -> AccessTokenType.parse(value))).orElse(AccessTokenType.AT_JWT);
            parsed(violations, "scopes_supported", () -> {
                ScopeTokens.check(scopesSupported);
                return scopesSupported;
            });
            if (keyEncryptionKey != null && keyEncryptionKey.length != 32) {
                violations.add("key_encryption_key", "must be 32 bytes (got " + keyEncryptionKey.length + ")");
            }
            if (stopTimeout.isNegative()) {
                violations.add("stop_timeout", "must be zero or positive (got " + stopTimeout + ")");
            }
            adminToken.ifPresent(token -> parsed(violations, "admin_token", () -> AdminTokens.configured(token, "admin token")));
            ingestToken.ifPresent(token -> parsed(violations, "ingest_token", () -> AdminTokens.configured(token, "ingest token")));
            metricsToken.ifPresent(token -> parsed(violations, "metrics_token",
                    () -> AdminTokens.configured(token, "metrics token")));
            auditRetention.filter(keep -> keep.compareTo(MIN_ACTIVITY_RETENTION) < 0).ifPresent(keep ->
                    violations.add("audit_retention", "must be at least 1d (got " + keep + ")"));
            if (activityRetention.compareTo(MIN_ACTIVITY_RETENTION) < 0) {
                violations.add("activity_retention", "must be at least 1d (got " + activityRetention + ")");
            }
            List<String> proxies = new ArrayList<>();
            for (String proxy : trustedProxies) {
                CidrBlock block = violations.check(() -> CidrBlock.parse("trusted_proxies", proxy));
                if (block != null && !proxies.contains(block.toString())) {
                    proxies.add(block.toString());
                }
            }
            if (tlsReloadInterval.compareTo(MIN_TLS_RELOAD_INTERVAL) < 0) {
                violations.add("tls_reload_interval", "must be at least 1s (got " + tlsReloadInterval + ")");
            }
            int ipv6Prefix = throttleIpv6Prefix != null ? throttleIpv6Prefix : throttling.ipv6Prefix();
            Throttling.ipv6PrefixProblem(ipv6Prefix).ifPresent(problem ->
                    violations.add("throttle_ipv6_prefix", problem));
            Duration recentSuccess = throttleRecentSuccess != null ? throttleRecentSuccess : throttling.recentSuccess();
            Throttling.recentSuccessProblem(recentSuccess).ifPresent(problem ->
                    violations.add("throttle_recent_success", problem));
            Optional<SingleSignOn> sso = singleSignOn(violations);
            dev.sentinel.core.application.access.SessionLimits.problems(sessionIdle, sessionMax)
                    .forEach(problem -> violations.add(problem.getKey(), problem.getValue()));
            if (twoFactorName != null) {
                dev.sentinel.core.application.access.TwoFactorRequirement named = parsed(violations, "require_2fa",
                        () -> dev.sentinel.core.application.access.TwoFactorRequirement.parse(twoFactorName));
                if (named != null) {
                    twoFactor = named;
                    twoFactorName = null;
                }
            }
            if (keysStaleIfError.isNegative() || keysStaleIfError.compareTo(Duration.ofDays(7)) > 0) {
                violations.add("keys_stale_if_error", "must be between 0s and 7d (got " + keysStaleIfError + ")");
            }
            violations.throwIfAny();
            return new NodeSettings(this, algorithm, type, List.copyOf(proxies),
                    throttling.withIpv6Prefix(ipv6Prefix).withRecentSuccess(recentSuccess), sso);
        }

        private Optional<SingleSignOn> singleSignOn(Violations violations) {
            boolean any = oidcIssuer.isPresent() || oidcClientId.isPresent() || oidcClientSecret.isPresent()
                    || oidcName.isPresent() || oidcRolesClaim.isPresent();
            if (!any) {
                return Optional.empty();
            }
            int before = violations.list().size();
            String needs = "must be given too for single sign-on (issuer, client id and client secret go together)";
            URI issuerUri = oidcIssuer.map(value -> checkedOidcIssuer(violations, value)).orElse(null);
            if (oidcIssuer.isEmpty()) {
                violations.add("oidc_issuer", needs);
            }
            oidcClientId.filter(id -> id.length() > 255 || id.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))
                    .ifPresent(id -> violations.add("oidc_client_id", "must be 1-255 visible ASCII characters"));
            if (oidcClientId.isEmpty()) {
                violations.add("oidc_client_id", needs);
            }
            if (oidcClientSecret.isEmpty()) {
                violations.add("oidc_client_secret", needs);
            }
            oidcName.filter(name -> name.length() > 40 || name.chars().anyMatch(Character::isISOControl))
                    .ifPresent(name -> violations.add("oidc_name", "must be 1-40 characters without control characters"));
            oidcRolesClaim.filter(claim -> !claim.matches("[A-Za-z0-9_:./-]{1,100}")).ifPresent(claim ->
                    violations.add("oidc_roles_claim", "must be a claim name of 1-100 letters, digits, '_', ':', '.', "
                            + "'/' or '-' (got '" + claim + "')"));
            if (violations.list().size() > before) {
                return Optional.empty();
            }
            return Optional.of(new SingleSignOn(issuerUri, oidcClientId.get(), oidcClientSecret.get(),
                    oidcName.orElse(SingleSignOn.DEFAULT_NAME), oidcRolesClaim));
        }

        private static URI checkedOidcIssuer(Violations violations, String value) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException invalid) {
                violations.add("oidc_issuer", "must be a URL such as https://login.example.com (got '" + value + "')");
                return null;
            }
            String host = uri.getHost() == null ? "" : uri.getHost();
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean http = "http".equalsIgnoreCase(uri.getScheme());
            if (!uri.isAbsolute() || host.isEmpty() || uri.getQuery() != null || uri.getFragment() != null
                    || !(https || http)) {
                violations.add("oidc_issuer", "must be an https URL without query or fragment, such as "
                        + "https://login.example.com (got '" + value + "')");
                return null;
            }
            if (http && !loopback) {
                violations.add("oidc_issuer", "must use https (http only on a loopback address, for tests; got '"
                        + value + "')");
                return null;
            }
            return uri;
        }

        /** The value {@code parse} makes, or null after adding its complaint as a violation of {@code field}. */
        private static <T> T parsed(Violations violations, String field, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException invalid) {
                violations.add(field, invalid.getMessage());
                return null;
            }
        }

        private static Optional<String> blankToEmpty(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }
    }
}

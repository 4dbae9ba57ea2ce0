package dev.sentinel.resource.verify;

import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.fetch.FetchPolicy;
import dev.sentinel.core.fetch.HttpKeySources;
import dev.sentinel.core.fetch.TrustedFetcher;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.jose.CompactJws;
import dev.sentinel.core.jose.JwtClaims;
import dev.sentinel.core.jose.KeyAlgorithm;
import dev.sentinel.core.jose.VerificationKey;
import dev.sentinel.resource.verify.Verification.Failure;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Verifies Sentinel access tokens without Sentinel's store, in any JVM process: from the issuer URL alone it discovers
 * the JWKS ({@code /.well-known/oauth-authorization-server}), fetches and caches the keys, and checks the signature
 * ({@code EdDSA}, {@code ES256} or {@code RS256}; never {@code none}), {@code typ}, {@code iss}, {@code aud},
 * {@code exp}, {@code nbf}, a lifetime ({@code exp − iat}) of at most 24 h and, when asked, a scope. Every call to the
 * issuer goes through Sentinel's trusted fetcher: bounded as a whole (5 s by default, body included), 256 KiB at most,
 * no redirects; private addresses are allowed by default, public ones need https; the metadata's {@code jwks_uri}
 * and {@code introspection_endpoint} must be on the issuer's origin. With introspection credentials (a pass holding
 * {@code sentinel:introspect}) it also asks the issuer whether the token is still active, and refuses the token when
 * the issuer cannot say (fail closed).
 *
 * <pre>{@code
 * RemoteTokenVerifier verifier = RemoteTokenVerifier.builder("https://auth.example.com").build();
 * Verification result = verifier.verify(bearerToken, "read:orders");
 * if (!result.valid()) { log(result.failure().orElseThrow() + ": " + result.detail()); reply(401); }
 * }</pre>
 *
 * Without introspection, a token stays valid until it expires even when its pass is revoked, deactivated or given a
 * new secret: only the issuer's store knows. Thread-safe; build one per issuer and share it.
 */
public final class RemoteTokenVerifier {

    /**
     * Types accepted by default: RFC 9068's {@code at+jwt} and plain {@code JWT} (compared case-insensitively), the same
     * set Sentinel's own verification accepts.
     */
    public static final Set<String> DEFAULT_TYPES = AccessTokenType.ACCEPTED;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEYS_MAX_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INTROSPECTION_CACHE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEYS_STALE_IF_ERROR = HttpKeySources.DEFAULT_STALE_IF_ERROR;
    /** The longest {@code exp − iat} accepted: the longest token lifetime a Sentinel issues. */
    public static final Duration MAX_LIFETIME = TokenSettings.MAX_LIFETIME;

    private final String issuer;
    private final Set<String> audiences;
    private final Set<String> types;
    private final Duration clockSkew;
    private final Clock clock;
    private final PublishedKeys keys;
    private final Optional<IntrospectionClient> introspection;

    private RemoteTokenVerifier(Builder builder) {
        this.issuer = builder.issuer;
        this.audiences = builder.audiences.isEmpty() ? Set.of(builder.issuer) : Set.copyOf(builder.audiences);
        this.types = Set.copyOf(builder.types);
        this.clockSkew = builder.clockSkew;
        this.clock = builder.clock;
        FetchPolicy policy = FetchPolicy.builder().timeout(builder.timeout).allowPrivateTargets(builder.allowPrivateTargets)
                .privateTargetsHint("the verifier was built with allowPrivateTargets(false)").build();
        TrustedFetcher fetcher = builder.httpClient != null ? new TrustedFetcher(policy, builder.httpClient)
                : new TrustedFetcher(policy);
        long interval = builder.refetchInterval.toNanos();
        IssuerMetadata metadata = new IssuerMetadata(builder.issuer,
                builder.metadataUri != null ? builder.metadataUri : IssuerMetadata.wellKnown(URI.create(builder.issuer)),
                fetcher, interval, builder.ticker);
        HttpKeySources sources = HttpKeySources.builder(fetcher)
                .refresh(builder.keysMaxAge, builder.keysMaxAge, builder.keysMaxAge)
                .staleIfError(builder.keysStaleIfError).refetchInterval(builder.refetchInterval)
                .clock(new TickerClock(builder.ticker)).build();
        URI jwksUri = builder.jwksUri;
        this.keys = new PublishedKeys(jwksUri != null ? () -> jwksUri : () -> metadata.endpoints().jwksUri(), sources,
                metadata::failures);
        URI introspectionUri = builder.introspectionEndpoint;
        this.introspection = builder.introspectionClientId == null ? Optional.empty()
                : Optional.of(new IntrospectionClient(introspectionUri != null ? () -> introspectionUri
                        : () -> metadata.endpoints().introspectionEndpoint().orElseThrow(() ->
                                new IllegalStateException("the issuer's metadata names no introspection_endpoint")),
                        fetcher, builder.introspectionClientId, builder.introspectionSecret, builder.introspectionCache));
    }

    /** A verifier for tokens of {@code issuer}, exactly as it appears in their {@code iss}, e.g. {@code https://auth.example.com}. */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** The issuer whose tokens this verifier accepts. */
    public String issuer() {
        return issuer;
    }

    /** Whether every valid token was also confirmed active by introspection. */
    public boolean introspects() {
        return introspection.isPresent();
    }

    /** The requests made to the issuer so far, and how many failed. */
    public VerifierStats stats() {
        return new VerifierStats(keys.fetches(), keys.failures(),
                introspection.map(IntrospectionClient::requests).orElse(0L),
                introspection.map(IntrospectionClient::failures).orElse(0L));
    }

    /** Verifies a token without requiring a scope. */
    public Verification verify(String token) {
        return verify(token, Optional.empty());
    }

    /** Verifies a token and requires {@code scope} among its scopes. */
    public Verification verify(String token, String scope) {
        return verify(token, Optional.of(Objects.requireNonNull(scope, "scope")));
    }

    /** Verifies a token, requiring the scope when one is given. Never throws for a bad token. */
    public Verification verify(String token, Optional<String> requiredScope) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (IllegalArgumentException malformed) {
            return Verification.refused(Failure.MALFORMED, malformed.getMessage());
        }
        Verification signed = checkSignature(jws.header(), jws.signingInput(), jws.signature());
        if (signed != null) {
            return signed;
        }
        VerifiedToken verified;
        try {
            verified = claims(jws.claims(), jws.headerText("kid").orElseThrow());
        } catch (IllegalArgumentException malformed) {
            return Verification.refused(Failure.MALFORMED, malformed.getMessage());
        }
        return checkClaims(token, verified, requiredScope);
    }

    /** Null when the header is acceptable and the signature verifies; the refusal otherwise. */
    private Verification checkSignature(Map<String, Object> header, String signingInput, byte[] signature) {
        Optional<KeyAlgorithm> algorithm = algorithm(header.get("alg"));
        if (algorithm.isEmpty()) {
            return Verification.refused(Failure.UNSUPPORTED_ALGORITHM, "alg " + header.get("alg") + " is not EdDSA, ES256 or RS256");
        }
        if (!(header.get("typ") instanceof String typ) || !types.contains(typ.toLowerCase(Locale.ROOT))) {
            return Verification.refused(Failure.WRONG_TYPE, "typ " + header.get("typ") + " is not one of " + types);
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
            return Verification.refused(Failure.MALFORMED, "the header has no kid");
        }
        PublishedKeys.Lookup lookup = keys.key(kid);
        if (lookup.unavailable().isPresent()) {
            return Verification.refused(Failure.KEYS_UNAVAILABLE, lookup.unavailable().get());
        }
        if (lookup.key().isEmpty()) {
            return Verification.refused(Failure.UNKNOWN_KEY, "no published key has kid " + kid);
        }
        VerificationKey key = lookup.key().get();
        if (key.algorithm() != algorithm.get()) {
            return Verification.refused(Failure.BAD_SIGNATURE, "alg " + algorithm.get().joseName() + " is not the "
                    + key.algorithm().joseName() + " of key " + kid);
        }
        if (!key.verifies(signingInput, signature)) {
            return Verification.refused(Failure.BAD_SIGNATURE, "the signature does not verify with key " + kid);
        }
        return null;
    }

    private Verification checkClaims(String token, VerifiedToken verified, Optional<String> requiredScope) {
        Instant now = clock.instant();
        if (!issuer.equals(verified.issuer())) {
            return Verification.refused(verified, Failure.WRONG_ISSUER, "iss " + verified.issuer() + " is not " + issuer);
        }
        if (verified.audiences().stream().noneMatch(audiences::contains)) {
            return Verification.refused(verified, Failure.WRONG_AUDIENCE, "aud " + verified.audiences()
                    + " holds none of " + audiences);
        }
        if (!now.minus(clockSkew).isBefore(verified.expiresAt())) {
            return Verification.refused(verified, Failure.EXPIRED, "the token expired at " + verified.expiresAt());
        }
        Instant lifetimeStart = verified.issuedAt().orElse(now);
        if (verified.expiresAt().isAfter(lifetimeStart.plus(MAX_LIFETIME).plus(verified.issuedAt().isPresent()
                ? Duration.ZERO : clockSkew))) {
            return Verification.refused(verified, Failure.LIFETIME_TOO_LONG, "exp " + verified.expiresAt() + " is more"
                    + " than 24 h after " + (verified.issuedAt().isPresent() ? "iat " + lifetimeStart : "now")
                    + "; Sentinel issues no token that lives longer");
        }
        Optional<Instant> notBefore = verified.notBefore();
        if (verified.issuedAt().map(at -> at.isAfter(now.plus(clockSkew))).orElse(false)) {
            return Verification.refused(verified, Failure.NOT_YET_VALID, "the token was issued in the future ("
                    + verified.issuedAt().get() + ")");
        }
        if (notBefore.map(at -> at.isAfter(now.plus(clockSkew))).orElse(false)) {
            return Verification.refused(verified, Failure.NOT_YET_VALID, "the token is not valid before " + notBefore.get());
        }
        if (requiredScope.isPresent() && !verified.hasScope(requiredScope.get())) {
            return Verification.refused(verified, Failure.MISSING_SCOPE, "the token's scope lacks " + requiredScope.get());
        }
        if (introspection.isPresent()) {
            IntrospectionClient.Answer answer = introspection.get().ask(token);
            if (answer.unavailable().isPresent()) {
                return Verification.refused(verified, Failure.INTROSPECTION_UNAVAILABLE, answer.unavailable().get());
            }
            if (!answer.active()) {
                return Verification.refused(verified, Failure.REVOKED,
                        "introspection says the token is no longer active (revoked, or its pass was changed)");
            }
        }
        return Verification.valid(verified);
    }

    private static Optional<KeyAlgorithm> algorithm(Object alg) {
        return Arrays.stream(KeyAlgorithm.values()).filter(known -> known.joseName().equals(alg)).findFirst();
    }

    /** The claims, or {@link IllegalArgumentException} naming the claim that is missing or of the wrong type. */
    private static VerifiedToken claims(JwtClaims claims, String kid) {
        return new VerifiedToken(claims.text("iss"), claims.optionalText("sub"), claims.audiences(),
                claims.optionalText("client_id"), new LinkedHashSet<>(claims.scopes()), claims.textIfString("pass_id"),
                claims.optionalText("jti"), claims.instant("iat"), claims.instant("nbf"), claims.requiredInstant("exp"), kid);
    }

    @Override
    public String toString() {
        return "RemoteTokenVerifier[issuer=" + issuer + ", introspection=" + introspection.isPresent() + "]";
    }

    /** Configures a verifier; {@link #build()} copies every value. Not thread-safe. */
    public static final class Builder {
        private final String issuer;
        private final Set<String> audiences = new LinkedHashSet<>();
        private Set<String> types = DEFAULT_TYPES;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;
        private Duration keysMaxAge = DEFAULT_KEYS_MAX_AGE;
        private Duration keysStaleIfError = DEFAULT_KEYS_STALE_IF_ERROR;
        private boolean allowPrivateTargets = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration introspectionCache = DEFAULT_INTROSPECTION_CACHE;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private HttpClient httpClient;
        private URI metadataUri;
        private URI jwksUri;
        private URI introspectionEndpoint;
        private String introspectionClientId;
        private String introspectionSecret;

        private Builder(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            URI parsed;
            try {
                parsed = URI.create(issuer);
            } catch (IllegalArgumentException malformed) {
                throw new IllegalArgumentException("issuer must be an absolute http(s) URL (got '" + issuer + "')");
            }
            if (!parsed.isAbsolute() || parsed.getHost() == null
                    || !("https".equalsIgnoreCase(parsed.getScheme()) || "http".equalsIgnoreCase(parsed.getScheme()))) {
                throw new IllegalArgumentException("issuer must be an absolute http(s) URL (got '" + issuer + "')");
            }
            this.issuer = issuer;
        }

        /**
         * An audience a token may carry in {@code aud}; call again to accept several. Default: the issuer, which is
         * what Sentinel puts in {@code aud} unless it is started with another audience.
         */
        public Builder audience(String value) {
            audiences.add(nonBlank("audience", value));
            return this;
        }

        /** The accepted {@code typ} values, case-insensitive; default {@code at+jwt} and {@code JWT}. */
        public Builder acceptedTypes(Set<String> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("acceptedTypes needs at least one type");
            }
            Set<String> lower = new LinkedHashSet<>();
            values.forEach(type -> lower.add(nonBlank("acceptedTypes", type).toLowerCase(Locale.ROOT)));
            this.types = lower;
            return this;
        }

        /** How far the issuer's clock and this one may differ, for {@code exp}, {@code nbf} and {@code iat}; default 30 s, at most 5 min. */
        public Builder clockSkew(Duration value) {
            this.clockSkew = between("clockSkew", value, Duration.ZERO, Duration.ofMinutes(5));
            return this;
        }

        /**
         * The least time between two fetches of the JWKS (or metadata) caused by an unknown {@code kid} or a failure;
         * default 10 s. A rotated key is picked up at the first token that uses it, unless a fetch happened less than
         * this long before.
         */
        public Builder refetchInterval(Duration value) {
            this.refetchInterval = between("refetchInterval", value, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /**
         * How long fetched keys are used before they are fetched again; default 5 min. The first verification after
         * that fetches them, so a key the issuer withdrew is refused from then on.
         */
        public Builder keysMaxAge(Duration value) {
            this.keysMaxAge = between("keysMaxAge", value, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /**
         * How long past their maximum age the fetched keys are still used while the issuer's JWKS cannot be fetched;
         * default 1 h, at most 7 days. After that every token is refused with {@code KEYS_UNAVAILABLE} until a fetch
         * succeeds (fail closed).
         */
        public Builder keysStaleIfError(Duration value) {
            this.keysStaleIfError = between("keysStaleIfError", value, Duration.ZERO, Duration.ofDays(7));
            return this;
        }

        /**
         * Whether the issuer may be on a loopback, link-local or private address (and then on plain http); default
         * true, as a resource server usually reaches a self-hosted Sentinel on its own network. Public addresses need
         * https either way.
         */
        public Builder allowPrivateTargets(boolean value) {
            this.allowPrivateTargets = value;
            return this;
        }

        /** The deadline of every whole call to the issuer (connect, headers and body); default 5 s. */
        public Builder timeout(Duration value) {
            this.timeout = between("timeout", value, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /** The JWKS address, instead of the one the issuer's metadata names. */
        public Builder jwksUri(URI value) {
            this.jwksUri = Objects.requireNonNull(value, "jwksUri");
            return this;
        }

        /** The metadata address, instead of RFC 8414's {@code /.well-known/oauth-authorization-server} of the issuer. */
        public Builder metadataUri(URI value) {
            this.metadataUri = Objects.requireNonNull(value, "metadataUri");
            return this;
        }

        /**
         * Confirms every token by introspection, as the pass with this client id and secret (it must hold the
         * {@code sentinel:introspect} permission). A token is then refused as soon as it is revoked or its pass is
         * deactivated, revoked, regenerated or deleted — at most the introspection cache time later — and also when the
         * issuer cannot answer (fail closed).
         */
        public Builder introspection(String clientId, String clientSecret) {
            this.introspectionClientId = nonBlank("introspection client id", clientId);
            this.introspectionSecret = nonBlank("introspection client secret", clientSecret);
            return this;
        }

        /** The introspection address, instead of the one the issuer's metadata names. */
        public Builder introspectionEndpoint(URI value) {
            this.introspectionEndpoint = Objects.requireNonNull(value, "introspectionEndpoint");
            return this;
        }

        /** How long an introspection answer is reused for the same token; default 5 s, at most 1 min; zero for never. */
        public Builder introspectionCache(Duration value) {
            this.introspectionCache = between("introspectionCache", value, Duration.ZERO, Duration.ofMinutes(1));
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The HTTP client for calls to the issuer, e.g. one with a custom trust store; default the JDK's. It must not
         * follow redirects ({@link IllegalArgumentException} at {@link #build()} otherwise).
         */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** The monotonic time, in nanoseconds, that paces refetches; tests move it. */
        Builder ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        public RemoteTokenVerifier build() {
            return new RemoteTokenVerifier(this);
        }

        private static String nonBlank(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration between(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (got " + value + ")");
            }
            return value;
        }
    }
}

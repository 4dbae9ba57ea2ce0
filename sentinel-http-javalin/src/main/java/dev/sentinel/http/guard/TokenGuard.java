package dev.sentinel.http.guard;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.sentinel.core.application.token.AccessTokenClaims;
import dev.sentinel.core.application.token.TokenLiveness;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.http.web.ClientAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verify-and-record for any JVM service, with no web framework: {@link #check} verifies a bearer token's signature,
 * issuer, expiry and audience, and the pass's <em>current</em> state (active, inside its validity period, token not
 * revoked, the client's address among its allowed networks) as read at most {@link Builder#stateTtl} ago; {@link #record} records the request as {@code api_request}
 * or, when refused or failed, as {@code error}. A token once verified is remembered until the state TTL passes, so a
 * busy route costs a map lookup, not a signature check. Thread-safe.
 *
 * <pre>{@code
 * TokenGuard guard = server.tokenGuard();                       // or TokenGuard.builder(...)
 * Optional<String> clientIp = guard.clientAddress(request.getRemoteAddr(), forwardedLines, xForwardedForLines);
 * GuardDecision decision = guard.check(request.getHeader("Authorization"), Optional.of("read:orders"), clientIp);
 * if (!decision.allowed()) { reply(decision.status(), decision.wwwAuthenticate("api").orElseThrow()); }
 * guard.record(decision, "GET", "/v1/orders", status, startedAt, durationMs, clientIp, userAgent, Optional.empty());
 * }</pre>
 */
public final class TokenGuard {

    /** The longest a pass's state may be stale: a toggled or revoked pass is refused within this time. */
    public static final Duration MAX_STATE_TTL = Duration.ofSeconds(5);

    private final TokenService tokens;
    private final TokenLiveness liveness;
    private final ActivityRecorder recorder;
    private final Clock clock;
    private final java.util.function.Supplier<String> audience;
    private final Cache<String, Verified> verified;
    private final ClientAddresses clientAddresses;

    private TokenGuard(Builder builder) {
        this.tokens = builder.tokens;
        this.liveness = builder.tokens.liveness();
        this.recorder = builder.recorder;
        this.clock = builder.clock;
        this.audience = builder.audience;
        this.clientAddresses = builder.clientAddresses;
        this.verified = CacheBuilder.newBuilder().maximumSize(builder.cacheSize)
                .expireAfterWrite(builder.stateTtl).build();
    }

    public static Builder builder(TokenService tokens, ActivityRecorder recorder) {
        return new Builder(tokens, recorder);
    }

    /**
     * Checks a request whose client address is unknown: a token of a pass bound to networks is refused. See
     * {@link #check(String, Optional, Optional)}.
     */
    public GuardDecision check(String authorization, Optional<String> requiredPermission) {
        return check(authorization, requiredPermission, Optional.empty());
    }

    /**
     * Checks the {@code Authorization} header's bearer token, that the client's address is among its pass's allowed
     * networks, and the permission when one is required.
     *
     * @param authorization the header's value, or null when absent
     * @param clientAddress the client's address (see {@link #clientAddress}); empty when unknown
     */
    public GuardDecision check(String authorization, Optional<String> requiredPermission, Optional<String> clientAddress) {
        Optional<String> token = bearer(authorization);
        if (token.isEmpty()) {
            return GuardDecision.unauthorized("invalid_request", null, Optional.empty());
        }
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(token.get());
        if (known == null || !now.isBefore(known.expiresAt)) {
            known = verify(token.get(), now);
            if (known.decision.allowed()) {
                verified.put(token.get(), known);
            }
        }
        GuardDecision decision = known.decision;
        if (decision.allowed() && !known.networks.permits(clientAddress)) {
            return GuardDecision.outsideNetworks(decision.passId().orElseThrow(), decision.clientId().orElse(null),
                    clientAddress.map(address -> clip(address, 64)).orElse("unknown"));
        }
        if (decision.allowed() && requiredPermission.isPresent() && !decision.scopes().contains(requiredPermission.get())) {
            return GuardDecision.forbidden(requiredPermission.get(), decision.passId().orElseThrow(),
                    decision.clientId().orElse(null), decision.scopes());
        }
        return decision;
    }

    /**
     * The client of a request as this guard's trusted proxies tell it: the socket {@code peer}, or, when the peer is a
     * trusted proxy, the right-most untrusted hop of the forwarding headers (see {@link ClientAddresses}).
     *
     * @param forwarded     the {@code Forwarded} header lines, in order (empty when none)
     * @param xForwardedFor the {@code X-Forwarded-For} header lines, in order (empty when none)
     */
    public Optional<String> clientAddress(String peer, java.util.List<String> forwarded, java.util.List<String> xForwardedFor) {
        return clientAddresses.resolve(peer, forwarded, xForwardedFor);
    }

    /** Who this guard takes the client of a request to be. */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    /**
     * Records a finished request against the token's pass: {@code api_request} when it succeeded (status below 400)
     * or {@code error} with the message otherwise. Requests whose token named no genuine pass are not recorded.
     */
    public void record(GuardDecision decision, String method, String endpoint, int statusCode, Instant startedAt,
                       long durationMs, Optional<String> clientIp, Optional<String> userAgent, Optional<String> error) {
        if (decision.passId().isEmpty()) {
            return;
        }
        boolean success = decision.allowed() && statusCode < 400;
        Optional<String> message = success ? Optional.empty()
                : error.or(decision::recordedReason).or(() -> Optional.of("HTTP " + statusCode));
        recorder.record(new ActivityEvent(decision.passId().get(),
                success ? ActivityType.API_REQUEST : ActivityType.ERROR, startedAt, clip(endpoint, 2048),
                method.toUpperCase(java.util.Locale.ROOT), success, statusCode, Math.max(0, durationMs),
                clientIp.map(ip -> clip(ip, 64)), userAgent.map(agent -> clip(agent, 512)),
                message.map(text -> clip(text, 2000)), "{}"));
    }

    private Verified verify(String token, Instant now) {
        Optional<AccessTokenClaims> claims = tokens.accessTokens().verify(token, now);
        if (claims.isEmpty()) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token",
                    "the access token is malformed, expired or not signed by this issuer", Optional.empty()), now);
        }
        AccessTokenClaims token0 = claims.get();
        if (!token0.audiences().contains(audience.get())) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token",
                    "the access token is for another audience", Optional.empty()), now);
        }
        TokenLiveness.Liveness liveness = this.liveness.check(token0, now);
        if (!liveness.live()) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token", liveness.refusal().orElseThrow(),
                    liveness.passId()), now);
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(token0.scope().split(" ")));
        scopes.remove("");
        return new Verified(GuardDecision.allow(liveness.passId().orElseThrow(), token0.clientId(), scopes),
                token0.expiresAt(), liveness.allowedNetworks());
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A checked token: the decision, how long it may be reused (never past the token's expiry), and the networks its
     * pass may be used from.
     */
    private record Verified(GuardDecision decision, Instant expiresAt, AllowedNetworks networks) {
        static Verified refused(GuardDecision decision, Instant now) {
            return new Verified(decision, now, AllowedNetworks.any());
        }
    }

    /** Configures a guard. Not thread-safe. */
    public static final class Builder {
        private final TokenService tokens;
        private final ActivityRecorder recorder;
        private Clock clock = Clock.systemUTC();
        private java.util.function.Supplier<String> audience;
        private Duration stateTtl = Duration.ofSeconds(2);
        private long cacheSize = 100_000;
        private ClientAddresses clientAddresses = ClientAddresses.none();

        private Builder(TokenService tokens, ActivityRecorder recorder) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.recorder = Objects.requireNonNull(recorder, "recorder");
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The {@code aud} tokens must carry; default the issuer's audience. */
        public Builder audience(String value) {
            Objects.requireNonNull(value, "audience");
            this.audience = () -> value;
            return this;
        }

        /** How long a pass's state may be reused, at most {@link #MAX_STATE_TTL}; default 2 seconds. */
        public Builder stateTtl(Duration value) {
            if (value.isNegative() || value.compareTo(MAX_STATE_TTL) > 0) {
                throw new IllegalArgumentException("the state TTL must be between 0 and " + MAX_STATE_TTL.toSeconds() + " s");
            }
            this.stateTtl = value;
            return this;
        }

        /**
         * The reverse proxies (CIDR blocks or addresses) trusted to name the client in {@code Forwarded} or
         * {@code X-Forwarded-For}, as {@code sentinel serve --trusted-proxies}; default none (the socket peer is the
         * client).
         *
         * @throws IllegalArgumentException naming a malformed block
         */
        public Builder trustedProxies(java.util.Collection<String> cidrs) {
            this.clientAddresses = ClientAddresses.trusting(cidrs);
            return this;
        }

        /** Who the client of a request is; the same as {@link #trustedProxies} with a ready resolver. */
        public Builder clientAddresses(ClientAddresses value) {
            this.clientAddresses = Objects.requireNonNull(value, "clientAddresses");
            return this;
        }

        public Builder cacheSize(long value) {
            this.cacheSize = value;
            return this;
        }

        public TokenGuard build() {
            if (audience == null) {
                audience = tokens.settings()::audience;
            }
            return new TokenGuard(this);
        }
    }
}

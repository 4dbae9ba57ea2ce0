package dev.sentinel.resource.guard;

import dev.sentinel.resource.guard.ClientAddresses;
import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.resource.verify.RemoteTokenVerifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verify-and-record for any JVM service, with no web framework. Two modes: <em>local</em>
 * ({@link #builder(TokenService, ActivityRecorder)}, in the process that holds Sentinel's store) and <em>remote</em>
 * ({@link #remote(RemoteTokenVerifier)}, in any other process: only the issuer URL, optionally introspection
 * credentials and an ingest token; see {@link RemoteBuilder}).
 *
 * <p>Local mode: {@link #check} verifies a bearer token's signature,
 * issuer, expiry and audience, and the pass's <em>current</em> state (active, inside its validity period, token not
 * revoked) as read at most {@link Builder#stateTtl} ago; {@link #record} records the request as {@code api_request}
 * or, when refused or failed, as {@code error}. A token once verified is remembered until the state TTL passes, so a
 * busy route costs a map lookup, not a signature check. Thread-safe.
 *
 * <pre>{@code
 * TokenGuard guard = server.tokenGuard();                       // or TokenGuard.builder(...)
 * GuardDecision decision = guard.check(request.getHeader("Authorization"), Optional.of("read:orders"));
 * if (!decision.allowed()) { reply(decision.status(), decision.wwwAuthenticate("api").orElseThrow()); }
 * guard.record(decision, "GET", "/v1/orders", status, startedAt, durationMs, clientIp, userAgent, Optional.empty());
 * }</pre>
 *
 * <p>Remote mode: {@link #check} asks the {@link RemoteTokenVerifier} (signature, type, issuer, audience, expiry, and
 * introspection when configured) and refuses with a generic 401 whatever the reason, which goes to the activity
 * record instead; when the verifier cannot reach the issuer it refuses with 503 (fail closed). {@link #close()} sends
 * what is still buffered.
 */
public final class TokenGuard implements AutoCloseable {

    /** The longest a pass's state may be stale: a toggled or revoked pass is refused within this time. */
    public static final Duration MAX_STATE_TTL = Duration.ofSeconds(5);

    private final TokenCheck tokenCheck;
    private final ActivityRecorder recorder;
    private final Optional<BatchingActivityRecorder> ownRecorder;
    private final ClientAddresses clientAddresses;

    private TokenGuard(TokenCheck tokenCheck, ActivityRecorder recorder, Optional<BatchingActivityRecorder> ownRecorder,
                       ClientAddresses clientAddresses) {
        this.tokenCheck = tokenCheck;
        this.recorder = recorder;
        this.ownRecorder = ownRecorder;
        this.clientAddresses = clientAddresses;
    }

    /** A local guard: verifies on this process's {@link TokenService} and hands activity to {@code recorder}. */
    public static Builder builder(TokenService tokens, ActivityRecorder recorder) {
        return new Builder(tokens, recorder);
    }

    /**
     * A remote guard: verifies with {@code verifier} alone, for a service that runs apart from Sentinel.
     *
     * <pre>{@code
     * TokenGuard guard = TokenGuard.remote(RemoteTokenVerifier.builder("https://auth.example.com").build())
     *         .reportActivity(URI.create("https://auth.example.com"), ingestToken)   // optional
     *         .build();
     * }</pre>
     */
    public static RemoteBuilder remote(RemoteTokenVerifier verifier) {
        return new RemoteBuilder(verifier);
    }

    /**
     * Checks a request whose client address is unknown: a token of a pass bound to networks is refused by a local
     * guard. See {@link #check(String, Optional, Optional)}.
     */
    public GuardDecision check(String authorization, Optional<String> requiredPermission) {
        return check(authorization, requiredPermission, Optional.empty());
    }

    /**
     * Checks the {@code Authorization} header's bearer token, that the client's address is among its pass's allowed
     * networks (a local guard; a remote one cannot see them), and the permission when one is required.
     *
     * @param authorization the header's value, or null when absent
     * @param clientAddress the client's address (see {@link #clientAddress}); empty when unknown
     */
    public GuardDecision check(String authorization, Optional<String> requiredPermission, Optional<String> clientAddress) {
        Optional<String> token = bearer(authorization);
        if (token.isEmpty()) {
            return GuardDecision.unauthorized("invalid_request", null, Optional.empty());
        }
        return withPermission(tokenCheck.check(token.get(), clientAddress), requiredPermission);
    }

    /**
     * The client of a request as this guard's trusted proxies tell it: the socket {@code peer}, or, when the peer is a
     * trusted proxy, the right-most untrusted hop of the forwarding headers (see {@link ClientAddresses}).
     *
     * @param forwarded     the {@code Forwarded} header lines, in order (empty when none)
     * @param xForwardedFor the {@code X-Forwarded-For} header lines, in order (empty when none)
     */
    public Optional<String> clientAddress(String peer, java.util.List<String> forwarded,
                                          java.util.List<String> xForwardedFor) {
        return clientAddresses.resolve(peer, forwarded, xForwardedFor);
    }

    /** Who this guard takes the client of a request to be. */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    private static GuardDecision withPermission(GuardDecision decision, Optional<String> requiredPermission) {
        if (decision.allowed() && requiredPermission.isPresent() && !decision.scopes().contains(requiredPermission.get())) {
            return GuardDecision.forbidden(requiredPermission.get(), decision.passId().orElseThrow(),
                    decision.clientId().orElse(null), decision.scopes());
        }
        return decision;
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
                : error.or(decision::reason).or(() -> Optional.of("HTTP " + statusCode));
        recorder.record(new ActivityEvent(decision.passId().get(),
                success ? ActivityType.API_REQUEST : ActivityType.ERROR, startedAt, clip(endpoint, 2048),
                method.toUpperCase(java.util.Locale.ROOT), success, statusCode, Math.max(0, durationMs),
                clientIp.map(ip -> clip(ip, 64)), userAgent.map(agent -> clip(agent, 512)),
                message.map(text -> clip(text, 2000)), "{}"));
    }

    /** The counters of the activity buffer this guard owns (remote mode with {@code reportActivity}); else empty. */
    public Optional<RecorderStats> activityStats() {
        return ownRecorder.map(BatchingActivityRecorder::stats);
    }

    /**
     * Sends the activity still buffered (remote mode with {@code reportActivity}, waiting at most its shutdown
     * timeout) and stops the sender. Call when the service stops. Nothing to do in local mode, whose recorder belongs
     * to the server.
     */
    @Override
    public void close() {
        ownRecorder.ifPresent(BatchingActivityRecorder::close);
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

    /** Configures a guard. Not thread-safe. */
    public static final class Builder {
        private final TokenService tokens;
        private final ActivityRecorder recorder;
        private java.util.function.Supplier<String> audience;
        private Duration stateTtl = Duration.ofSeconds(2);
        private ClientAddresses clientAddresses = ClientAddresses.none();

        private Builder(TokenService tokens, ActivityRecorder recorder) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.recorder = Objects.requireNonNull(recorder, "recorder");
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
         * {@code X-Forwarded-For}; default none, so the client is the socket peer.
         *
         * @throws IllegalArgumentException naming a malformed block
         */
        public Builder trustedProxies(java.util.Collection<String> cidrs) {
            this.clientAddresses = ClientAddresses.trusting(cidrs);
            return this;
        }

        /** Who the client of a request is; see {@link #trustedProxies}. */
        public Builder clientAddresses(ClientAddresses value) {
            this.clientAddresses = Objects.requireNonNull(value, "clientAddresses");
            return this;
        }

        public TokenGuard build() {
            java.util.function.Supplier<String> expected = audience != null ? audience : tokens.settings()::audience;
            return new TokenGuard(new LocalTokenCheck(tokens.checks(), expected, stateTtl), recorder, Optional.empty(),
                    clientAddresses);
        }
    }

    /** Configures a remote guard; {@link #build()} copies every value. Not thread-safe. */
    public static final class RemoteBuilder {
        private final RemoteTokenVerifier verifier;
        private ActivityRecorder recorder;
        private URI ingestServer;
        private String ingestToken;
        private Duration ingestTimeout = Duration.ofSeconds(10);
        private ClientAddresses clientAddresses = ClientAddresses.none();

        private RemoteBuilder(RemoteTokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * Sends the activity to the Sentinel server at {@code sentinel} (its base URL) through its ingest API, with a
         * token set by {@code SENTINEL_INGEST_TOKEN} on that server (or the admin token). Without this or
         * {@link #activityRecorder}, nothing is recorded.
         */
        public RemoteBuilder reportActivity(URI sentinel, String ingestToken) {
            this.ingestServer = Objects.requireNonNull(sentinel, "sentinel");
            if (ingestToken == null || ingestToken.isBlank()) {
                throw new IllegalArgumentException("the ingest token must not be blank");
            }
            this.ingestToken = ingestToken;
            this.recorder = null;
            return this;
        }

        /** The timeout of each post to the ingest API; default 10 s. */
        public RemoteBuilder ingestTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the ingest timeout must be positive");
            }
            this.ingestTimeout = value;
            return this;
        }

        /** The reverse proxies trusted to name the client (for the recorded address); default none. */
        public RemoteBuilder trustedProxies(java.util.Collection<String> cidrs) {
            this.clientAddresses = ClientAddresses.trusting(cidrs);
            return this;
        }

        /** Hands activity to {@code value} instead; it is called on the request thread, so it must not block. */
        public RemoteBuilder activityRecorder(ActivityRecorder value) {
            this.recorder = Objects.requireNonNull(value, "recorder");
            this.ingestServer = null;
            this.ingestToken = null;
            return this;
        }

        public TokenGuard build() {
            if (ingestServer != null) {
                BatchingActivityRecorder own = RemoteActivity.recorder(ingestServer, ingestToken, ingestTimeout);
                return new TokenGuard(new RemoteTokenCheck(verifier), own, Optional.of(own), clientAddresses);
            }
            return new TokenGuard(new RemoteTokenCheck(verifier), recorder != null ? recorder : event -> { },
                    Optional.empty(), clientAddresses);
        }
    }
}

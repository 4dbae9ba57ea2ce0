package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.port.in.Principal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one gate for the server's bearer credentials: the admin token (management API, and introspection and
 * revocation on anyone's behalf), the ingest token (activity ingest only) and the metrics token ({@code /metrics}).
 * Every wrong token counts against its address's limit, and an address over it is refused before any token is
 * compared. Thread-safe.
 */
public final class BearerGate {

    /** What a bearer token is presented for, and so which tokens open it. */
    public enum Door {
        /** The management API: the admin token. */
        ADMIN("admin token"),
        /** Activity ingest: the ingest token, or the admin token. */
        INGEST("admin or ingest token"),
        /** The metrics: the metrics token when one is configured; open otherwise. */
        METRICS("metrics token");

        private final String tokens;

        Door(String tokens) {
            this.tokens = tokens;
        }

        /** The tokens that open this door, as the audit trail names them. */
        public String tokens() {
            return tokens;
        }
    }

    /** The answer: let in, or refused because no token, a wrong one, or too many wrong ones from the address. */
    public enum Verdict {
        ALLOWED, MISSING, WRONG, THROTTLED
    }

    /** A verdict, with the wait before a throttled address may try again. */
    public record Decision(Verdict verdict, Optional<Duration> retryAfter) {

        public Decision {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }

        private static final Decision ALLOW = new Decision(Verdict.ALLOWED, Optional.empty());
        private static final Decision NO_TOKEN = new Decision(Verdict.MISSING, Optional.empty());
        private static final Decision WRONG_TOKEN = new Decision(Verdict.WRONG, Optional.empty());
    }

    /**
     * Who a bearer credential belongs to: the verdict, and the principal when it was let in (the legacy admin token as
     * an owner, the legacy ingest token as ingest for every project, an access key as its role in its projects).
     */
    public record Authentication(Verdict verdict, Optional<Principal> principal, Optional<Duration> retryAfter) {

        public Authentication {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if ((verdict == Verdict.ALLOWED) != principal.isPresent()) {
                throw new IllegalArgumentException("an allowed credential, and only that, has a principal");
            }
        }

        private static Authentication of(Principal principal) {
            return new Authentication(Verdict.ALLOWED, Optional.of(principal), Optional.empty());
        }
    }

    private final java.util.function.Supplier<AdminTokens> admin;
    private final Optional<AdminTokens> ingest;
    private final Optional<AdminTokens> metrics;
    private final AuthThrottle throttle;
    private final Optional<AccessKeyService> accessKeys;

    /**
     * @param admin   the admin token, once known (null until then: no token is the admin's)
     * @param ingest  a token that opens only {@link Door#INGEST}, if configured
     * @param metrics the token {@link Door#METRICS} requires, if configured (without one the metrics are open)
     */
    public BearerGate(java.util.function.Supplier<AdminTokens> admin, Optional<AdminTokens> ingest,
                      Optional<AdminTokens> metrics, AuthThrottle throttle) {
        this(admin, ingest, metrics, throttle, Optional.empty());
    }

    /** As the other constructor, and access keys verified by {@code accessKeys} for {@link #authenticate}. */
    public BearerGate(java.util.function.Supplier<AdminTokens> admin, Optional<AdminTokens> ingest,
                      Optional<AdminTokens> metrics, AuthThrottle throttle, Optional<AccessKeyService> accessKeys) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
    }

    /**
     * Who the bearer credential {@code presented} (empty when the request carried none) belongs to, from
     * {@code address}: the legacy admin token is an owner ({@link Principal#adminToken()}), the legacy ingest token
     * ingest for every project ({@link Principal#ingestToken()}), an access key its role in its projects. Wrong
     * credentials count against the address's limit, and an address over it is refused before anything is compared.
     * The legacy metrics token is not a principal: {@link #check} with {@link Door#METRICS} decides it.
     */
    public Authentication authenticate(Optional<String> presented, Optional<String> address) {
        if (presented.isEmpty()) {
            return new Authentication(Verdict.MISSING, Optional.empty(), Optional.empty());
        }
        Optional<Duration> wait = throttle.tokenRefusal(address);
        if (wait.isPresent()) {
            return new Authentication(Verdict.THROTTLED, Optional.empty(), wait);
        }
        String token = presented.get();
        if (isAdmin(token)) {
            return Authentication.of(Principal.adminToken());
        }
        if (ingest.map(expected -> expected.matches(token)).orElse(false)) {
            return Authentication.of(Principal.ingestToken());
        }
        Optional<Principal> key = accessKeys.flatMap(keys -> keys.verify(token));
        if (key.isPresent()) {
            return Authentication.of(key.get());
        }
        throttle.tokenFailed(address, "bearer credential");
        return new Authentication(Verdict.WRONG, Optional.empty(), Optional.empty());
    }

    /**
     * Decides on the bearer token {@code presented} (empty when the request carried none) for {@code door}, from
     * {@code address} (empty when unknown).
     */
    public Decision check(Door door, Optional<String> presented, Optional<String> address) {
        if (door == Door.METRICS && metrics.isEmpty()) {
            return Decision.ALLOW;
        }
        if (presented.isEmpty()) {
            return Decision.NO_TOKEN;
        }
        Optional<Duration> wait = throttle.tokenRefusal(address);
        if (wait.isPresent()) {
            return new Decision(Verdict.THROTTLED, wait);
        }
        if (opens(door, presented.get())) {
            return Decision.ALLOW;
        }
        throttle.tokenFailed(address, door.tokens());
        return Decision.WRONG_TOKEN;
    }

    private boolean opens(Door door, String token) {
        return switch (door) {
            case ADMIN -> isAdmin(token);
            case INGEST -> ingest.map(expected -> expected.matches(token)).orElse(false) || isAdmin(token);
            case METRICS -> metrics.orElseThrow().matches(token);
        };
    }

    private boolean isAdmin(String token) {
        AdminTokens current = admin.get();
        return current != null && current.matches(token);
    }

    @Override
    public String toString() {
        return "BearerGate[ingest=" + ingest.isPresent() + ", metrics=" + metrics.isPresent() + "]";
    }
}

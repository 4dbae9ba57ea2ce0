package dev.sentinel.core.application.oauth;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.throttle.AuthThrottle;
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

    private final java.util.function.Supplier<AdminTokens> admin;
    private final Optional<AdminTokens> ingest;
    private final Optional<AdminTokens> metrics;
    private final AuthThrottle throttle;

    /**
     * @param admin   the admin token, once known (null until then: no token is the admin's)
     * @param ingest  a token that opens only {@link Door#INGEST}, if configured
     * @param metrics the token {@link Door#METRICS} requires, if configured (without one the metrics are open)
     */
    public BearerGate(java.util.function.Supplier<AdminTokens> admin, Optional<AdminTokens> ingest,
                      Optional<AdminTokens> metrics, AuthThrottle throttle) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
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

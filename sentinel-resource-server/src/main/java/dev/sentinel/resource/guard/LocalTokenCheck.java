package dev.sentinel.resource.guard;

import dev.sentinel.core.application.token.TokenChecks;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The check in the process that holds Sentinel's store: one call to core's {@link TokenChecks} (signature, issuer,
 * expiry, audience, the pass's state as read at most the state TTL ago, its allowed networks), whose one cache makes a
 * busy route cost a map lookup. Thread-safe.
 */
final class LocalTokenCheck implements TokenCheck {

    private final TokenChecks checks;
    private final Supplier<String> audience;
    private final Duration stateTtl;

    LocalTokenCheck(TokenChecks checks, Supplier<String> audience, Duration stateTtl) {
        this.checks = checks;
        this.audience = audience;
        this.stateTtl = stateTtl;
    }

    @Override
    public GuardDecision check(String token, Optional<String> clientAddress) {
        TokenChecks.Result result = checks.check(token, audience.get(), clientAddress, stateTtl);
        if (result.allowed()) {
            return GuardDecision.allow(result.passId().orElseThrow(), result.clientId().orElseThrow(), result.scopes());
        }
        return GuardDecision.refused(result.description().orElseThrow(), result.reason().orElseThrow(), result.passId(),
                result.clientId());
    }
}

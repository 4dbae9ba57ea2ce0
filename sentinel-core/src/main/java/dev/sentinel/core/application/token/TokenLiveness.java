package dev.sentinel.core.application.token;

import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.PassRefusal;
import dev.sentinel.core.port.out.Storage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a token this issuer signed is still live <em>now</em>: its pass exists and belongs to the token's client,
 * is active and inside its validity period, is still in the generation the token was issued in (no toggle off,
 * revoke or regenerate without grace since), the secret the token was issued for still works, its scope is among
 * the pass's permissions (a cheap check that only a stale or forged token fails), and the token itself was not
 * revoked. Introspection and the guard both ask this. Thread-safe.
 */
public final class TokenLiveness {

    /**
     * The answer: the token's pass when it still exists, why the token is not live, if it is not, and the networks the
     * pass may be used from now (checked by the guard against each request's client address).
     */
    public record Liveness(Optional<PassId> passId, Optional<String> refusal, AllowedNetworks allowedNetworks) {

        public Liveness {
            Objects.requireNonNull(passId, "passId");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(allowedNetworks, "allowedNetworks");
        }

        public boolean live() {
            return refusal.isEmpty();
        }
    }

    private final Storage storage;

    public TokenLiveness(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    public Liveness check(AccessTokenClaims claims, Instant now) {
        Optional<PassId> passId = parse(claims.passId());
        if (passId.isEmpty() || !ClientId.isWellFormed(claims.clientId())) {
            return new Liveness(Optional.empty(), Optional.of("the pass no longer exists"), AllowedNetworks.any());
        }
        return storage.read(session -> {
            Optional<SentinelPass> found = session.sentinelPass(new ClientId(claims.clientId()));
            if (found.isEmpty() || !found.get().passId().equals(passId.get())) {
                return new Liveness(Optional.empty(), Optional.of("the pass no longer exists"), AllowedNetworks.any());
            }
            Optional<String> refusal = refusal(found.get(), claims, now);
            if (refusal.isEmpty() && session.revokedTokens().isRevoked(claims.jti())) {
                refusal = Optional.of("the access token was revoked");
            }
            return new Liveness(passId, refusal, found.get().pass().allowedNetworks());
        });
    }

    private static Optional<String> refusal(SentinelPass current, AccessTokenClaims claims, Instant now) {
        Optional<String> state = current.pass().refusalAt(now).map(PassRefusal::description);
        if (state.isPresent()) {
            return state;
        }
        if (current.pass().generation() != claims.passGeneration()) {
            return Optional.of("the pass was deactivated, revoked or given a new secret since the token was issued");
        }
        if (current.agent().credentials().usable(claims.credentialId(), now).isEmpty()) {
            return Optional.of("the secret the token was issued for no longer works");
        }
        for (String scope : claims.scopes()) {
            if (!current.pass().permissions().contains(scope)) {
                return Optional.of("the token's scope is not among the pass's permissions");
            }
        }
        return Optional.empty();
    }

    private static Optional<PassId> parse(String raw) {
        try {
            return Optional.of(PassId.of(raw));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}

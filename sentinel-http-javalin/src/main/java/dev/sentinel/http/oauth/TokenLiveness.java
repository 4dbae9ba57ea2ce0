package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidityState;
import dev.sentinel.core.port.Storage;
import dev.sentinel.http.jwt.AccessTokenClaims;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a token this server signed is still live <em>now</em>: its pass exists and belongs to the token's client,
 * is active and inside its validity period, and the token was not revoked. Introspection and the guard both ask
 * this, so a toggled, revoked, expired or deleted pass ends its tokens everywhere at once. Thread-safe.
 */
public final class TokenLiveness {

    /** The answer: the token's pass when it still exists, and why the token is not live, if it is not. */
    public record Liveness(Optional<PassId> passId, Optional<String> refusal) {

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
            return new Liveness(Optional.empty(), Optional.of("the pass no longer exists"));
        }
        return storage.read(session -> {
            Optional<Pass> pass = session.passes().find(passId.get());
            if (pass.isEmpty() || !pass.get().clientId().value().equals(claims.clientId())) {
                return new Liveness(Optional.empty(), Optional.of("the pass no longer exists"));
            }
            if (RevokedTokens.isRevoked(session.settings(), claims.jti())) {
                return new Liveness(passId, Optional.of("the access token was revoked"));
            }
            return new Liveness(passId, stateRefusal(pass.get(), now));
        });
    }

    private static Optional<String> stateRefusal(Pass pass, Instant now) {
        return switch (pass.state()) {
            case REVOKED -> Optional.of("the pass is revoked");
            case INACTIVE -> Optional.of("the pass is deactivated");
            case ACTIVE -> {
                ValidityState validity = pass.validity().stateAt(now);
                yield validity == ValidityState.EXPIRED ? Optional.of("the pass has expired")
                        : validity == ValidityState.NOT_YET_VALID ? Optional.of("the pass is not yet valid") : Optional.empty();
            }
        };
    }

    private static Optional<PassId> parse(String raw) {
        try {
            return Optional.of(PassId.of(raw));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}

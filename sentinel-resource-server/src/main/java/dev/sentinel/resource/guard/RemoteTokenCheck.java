package dev.sentinel.resource.guard;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.resource.verify.RemoteTokenVerifier;
import dev.sentinel.resource.verify.Verification;
import dev.sentinel.resource.verify.VerifiedToken;
import java.util.Locale;
import java.util.Optional;

/**
 * The check in any other process, on a {@link RemoteTokenVerifier}: every invalid token gets the same description, the
 * reason goes to the activity record, and an issuer that cannot be asked means 503 (fail closed). Thread-safe.
 */
final class RemoteTokenCheck implements TokenCheck {

    /** What the caller is told for every invalid token. */
    static final String INVALID_TOKEN = "the access token is not valid";

    private final RemoteTokenVerifier verifier;

    RemoteTokenCheck(RemoteTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public GuardDecision check(String token, Optional<String> clientAddress) {
        // a remote guard cannot see a pass's allowed networks: JWKS verification and introspection do not carry them
        Verification result = verifier.verify(token);
        Optional<PassId> passId = result.token().flatMap(VerifiedToken::passId).flatMap(RemoteTokenCheck::passId);
        if (result.valid()) {
            VerifiedToken claims = result.token().orElseThrow();
            return passId.isPresent() ? GuardDecision.allow(passId.get(), claims.clientId(), claims.scopes())
                    : GuardDecision.invalidToken(INVALID_TOKEN, "the token names no Sentinel pass", Optional.empty());
        }
        Verification.Failure failure = result.failure().orElseThrow();
        String reason = failure.name().toLowerCase(Locale.ROOT) + ": " + result.detail();
        return failure.unavailable() ? GuardDecision.unavailable(reason, passId)
                : GuardDecision.invalidToken(INVALID_TOKEN, reason, passId);
    }

    private static Optional<PassId> passId(String raw) {
        try {
            return Optional.of(PassId.of(raw));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RemoteTokenCheck[" + verifier + "]";
    }
}

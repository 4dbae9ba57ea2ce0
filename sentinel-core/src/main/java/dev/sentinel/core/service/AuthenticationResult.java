package dev.sentinel.core.service;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an authentication: the pass on success, or the precise failure and, when the client was known,
 * its pass id (so the attempt can be recorded against that pass).
 */
public final class AuthenticationResult {

    private final SentinelPass pass;
    private final AuthenticationFailure failure;
    private final PassId knownPassId;

    private AuthenticationResult(SentinelPass pass, AuthenticationFailure failure, PassId knownPassId) {
        this.pass = pass;
        this.failure = failure;
        this.knownPassId = knownPassId;
    }

    public static AuthenticationResult success(SentinelPass pass) {
        return new AuthenticationResult(Objects.requireNonNull(pass, "pass"), null, pass.passId());
    }

    public static AuthenticationResult failure(AuthenticationFailure failure, Optional<PassId> knownPassId) {
        return new AuthenticationResult(null, Objects.requireNonNull(failure, "failure"), knownPassId.orElse(null));
    }

    public boolean isSuccess() {
        return pass != null;
    }

    public Optional<SentinelPass> pass() {
        return Optional.ofNullable(pass);
    }

    public Optional<AuthenticationFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** The pass the attempt concerned, if the client id named one. */
    public Optional<PassId> passId() {
        return Optional.ofNullable(knownPassId);
    }

    @Override
    public String toString() {
        return isSuccess() ? "AuthenticationResult[success, pass=" + pass.passId() + "]"
                : "AuthenticationResult[failure=" + failure.code() + "]";
    }
}

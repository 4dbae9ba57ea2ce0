package dev.sentinel.core.application;

import dev.sentinel.core.domain.Credential;
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
    private final Credential credential;
    private final AuthenticationFailure failure;
    private final PassId knownPassId;
    private final String detail;

    private AuthenticationResult(SentinelPass pass, Credential credential, AuthenticationFailure failure,
                                 PassId knownPassId, String detail) {
        this.pass = pass;
        this.credential = credential;
        this.failure = failure;
        this.knownPassId = knownPassId;
        this.detail = detail;
    }

    /** Success: the pass, and the credential the secret matched. */
    public static AuthenticationResult success(SentinelPass pass, Credential credential) {
        return new AuthenticationResult(Objects.requireNonNull(pass, "pass"), Objects.requireNonNull(credential,
                "credential"), null, pass.passId(), null);
    }

    public static AuthenticationResult failure(AuthenticationFailure failure, Optional<PassId> knownPassId) {
        return new AuthenticationResult(null, null, Objects.requireNonNull(failure, "failure"), knownPassId.orElse(null),
                null);
    }

    /** A failure with a precise detail for the pass's activity, e.g. the address that was refused. */
    public static AuthenticationResult failure(AuthenticationFailure failure, PassId passId, String detail) {
        return new AuthenticationResult(null, null, Objects.requireNonNull(failure, "failure"),
                Objects.requireNonNull(passId, "passId"), Objects.requireNonNull(detail, "detail"));
    }

    /**
     * The precise reason of a failure for the pass's activity (never for the caller), e.g.
     * {@code "address_not_allowed: address 203.0.113.9 not in allowed_ips"}; empty on success.
     */
    public Optional<String> reason() {
        return failure().map(found -> found.code() + ": " + (detail != null ? detail : found.description()));
    }

    /** The credential the secret matched, on success. */
    public Optional<Credential> credential() {
        return Optional.ofNullable(credential);
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

package dev.sentinel.resource.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one access token: valid, with its {@link VerifiedToken}; or refused, with the
 * {@link Failure} and a detail for logs and activity records. A refused token whose signature checked out (expired,
 * wrong audience, missing scope, revoked, …) still carries its claims, so the refusal can be recorded against its
 * pass. Tell callers only that the token is invalid: the failure is for operators. Immutable.
 */
public final class Verification {

    /** Why a token was refused. */
    public enum Failure {
        /** Not a compact JWS with a JSON header and claims, or a required claim is missing or of the wrong type. */
        MALFORMED(false),
        /** The {@code alg} is not one the issuer signs with (EdDSA, ES256, RS256); {@code none} among them. */
        UNSUPPORTED_ALGORITHM(false),
        /** The header's {@code typ} is not among the accepted types. */
        WRONG_TYPE(false),
        /** No published key has the token's {@code kid}, even after refetching the JWKS. */
        UNKNOWN_KEY(false),
        /** The signature does not verify with the key the {@code kid} names, or {@code alg} is not that key's. */
        BAD_SIGNATURE(false),
        /** The {@code iss} is not the configured issuer. */
        WRONG_ISSUER(false),
        /** None of the token's {@code aud} values is an expected audience. */
        WRONG_AUDIENCE(false),
        /** {@code exp} has passed (allowing for the clock skew). */
        EXPIRED(false),
        /** {@code exp} is more than 24 h after {@code iat} (or after now, without {@code iat}): Sentinel issues no such token. */
        LIFETIME_TOO_LONG(false),
        /** {@code nbf} or {@code iat} is in the future (allowing for the clock skew). */
        NOT_YET_VALID(false),
        /** The token lacks the scope the caller required. */
        MISSING_SCOPE(false),
        /** Introspection says the token is no longer active: revoked, or its pass deactivated, changed or deleted. */
        REVOKED(false),
        /** The issuer's keys could not be fetched, so nothing can be verified: fail closed. */
        KEYS_UNAVAILABLE(true),
        /** Introspection is required but failed, timed out or was throttled: fail closed. */
        INTROSPECTION_UNAVAILABLE(true);

        private final boolean unavailable;

        Failure(boolean unavailable) {
            this.unavailable = unavailable;
        }

        /** Whether the issuer, not the token, is at fault: the caller may retry later with the same token. */
        public boolean unavailable() {
            return unavailable;
        }
    }

    private final VerifiedToken token;
    private final Failure failure;
    private final String detail;

    private Verification(VerifiedToken token, Failure failure, String detail) {
        this.token = token;
        this.failure = failure;
        this.detail = detail;
    }

    static Verification valid(VerifiedToken token) {
        return new Verification(Objects.requireNonNull(token, "token"), null, "valid");
    }

    static Verification refused(Failure failure, String detail) {
        return new Verification(null, Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(detail, "detail"));
    }

    static Verification refused(VerifiedToken token, Failure failure, String detail) {
        return new Verification(Objects.requireNonNull(token, "token"), Objects.requireNonNull(failure, "failure"),
                Objects.requireNonNull(detail, "detail"));
    }

    /** Whether the token may be accepted. */
    public boolean valid() {
        return failure == null;
    }

    /** The token's claims when it is valid, or refused although its signature checked out. */
    public Optional<VerifiedToken> token() {
        return Optional.ofNullable(token);
    }

    /** Why the token was refused; empty when valid. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** A sentence for logs and activity records, e.g. "the token expired at 2026-11-26T10:15:00Z"; never a secret. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return valid() ? "Verification[valid, " + token + "]" : "Verification[" + failure + ": " + detail + "]";
    }
}

package dev.sentinel.core.fetch;

import java.util.Objects;

/** A JWT from outside that {@link SignedJwts} does not accept: a stable {@link Reason} and a text for evidence. */
public final class JwtRefusedException extends Exception {

    /** Why a JWT is refused; {@link #code()} is what evidence records. */
    public enum Reason {
        /** Not a compact JWS with a JSON claims set. */
        MALFORMED("malformed"),
        /** Unsigned ({@code none}), HMAC, encrypted, or an algorithm outside the caller's list. */
        ALG_NOT_ALLOWED("alg_not_allowed"),
        /** No key of the source has the token's {@code kid} (after one refetch), or none fits its algorithm. */
        UNKNOWN_KID("unknown_kid"),
        /** No candidate key verifies the signature. */
        BAD_SIGNATURE("bad_signature"),
        /** The key source could not give keys ({@link KeysUnavailableException}). */
        KEYS_UNAVAILABLE("keys_unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public JwtRefusedException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}

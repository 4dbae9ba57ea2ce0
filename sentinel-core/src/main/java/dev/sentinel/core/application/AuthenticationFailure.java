package dev.sentinel.core.application;

import dev.sentinel.core.domain.Coded;
import dev.sentinel.core.domain.PassRefusal;

/** The precise reason an authentication was refused; callers see only {@code invalid_client}. */
public enum AuthenticationFailure implements Coded {
    MALFORMED_SECRET("malformed_secret", "the secret is not a well-formed Sentinel secret (prefix, length or checksum)"),
    UNKNOWN_CLIENT("unknown_client", "no agent user has this client_id"),
    SECRET_MISMATCH("secret_mismatch", "the secret does not match any credential of the client"),
    SECRET_EXPIRED("secret_expired", "the secret was rotated out and its grace period has ended"),
    PASS_INACTIVE("pass_inactive", "the pass is deactivated"),
    PASS_REVOKED("pass_revoked", "the pass is revoked"),
    PASS_NOT_YET_VALID("pass_not_yet_valid", "the pass's validity period has not started"),
    PASS_EXPIRED("pass_expired", "the pass's validity period has ended"),
    ADDRESS_NOT_ALLOWED("address_not_allowed", "the client address is not in the pass's allowed_ips");

    private final String code;
    private final String description;

    AuthenticationFailure(String code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The failure of a client whose secret matched but whose pass may not be used now. */
    public static AuthenticationFailure of(PassRefusal refusal) {
        return switch (refusal) {
            case REVOKED -> PASS_REVOKED;
            case INACTIVE -> PASS_INACTIVE;
            case NOT_YET_VALID -> PASS_NOT_YET_VALID;
            case EXPIRED -> PASS_EXPIRED;
        };
    }
}

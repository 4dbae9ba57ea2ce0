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
    ADDRESS_NOT_ALLOWED("address_not_allowed", "the client address is not in the pass's allowed_ips"),
    SECRET_NOT_ACCEPTED("secret_not_accepted", "the pass authenticates with private_key_jwt: it has no client secret"),
    ASSERTION_NOT_ACCEPTED("assertion_not_accepted", "the pass authenticates with a client secret, not with a client "
            + "assertion"),
    ASSERTION_MALFORMED("malformed_assertion", "the client assertion is not a signed JWT with a JSON claims set"),
    ALG_NOT_ALLOWED("alg_not_allowed", "the client assertion is unsigned, HMAC-signed or signed with an algorithm "
            + "that is not accepted"),
    UNKNOWN_KID("unknown_kid", "no key of the pass has the assertion's kid or fits its algorithm"),
    BAD_SIGNATURE("bad_signature", "the client assertion's signature does not verify with the pass's keys"),
    KEYS_UNAVAILABLE("keys_unavailable", "the pass's keys could not be had from its jwks_uri"),
    WRONG_ISSUER("wrong_issuer", "the client assertion's iss and sub must both be the client id"),
    WRONG_AUDIENCE("wrong_audience", "the client assertion's aud must be the issuer, as its sole audience"),
    ASSERTION_EXPIRED("assertion_expired", "the client assertion has expired (exp)"),
    ASSERTION_NOT_YET_VALID("assertion_not_yet_valid", "the client assertion is not valid yet (nbf or iat in the "
            + "future)"),
    ASSERTION_LIFETIME("assertion_lifetime", "the client assertion must have an exp at most 5 minutes ahead"),
    MISSING_JTI("missing_jti", "the client assertion has no jti"),
    REPLAYED_JTI("replayed_jti", "the client assertion's jti was used before");

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

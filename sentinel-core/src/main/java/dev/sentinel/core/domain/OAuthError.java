package dev.sentinel.core.domain;

/**
 * The OAuth 2.0 error codes Sentinel answers with, one type for every endpoint: RFC 6749 §5.2 (token endpoint),
 * RFC 7009 §2.2.1 ({@code unsupported_token_type}), RFC 8707 §2 ({@code invalid_target}) and RFC 6749 §4.1.2.1's
 * {@code temporarily_unavailable}, which clients know as "retry later". Adapters map each to a status once.
 */
public enum OAuthError implements Coded {
    /** A missing, repeated or malformed parameter (RFC 6749 §5.2). */
    INVALID_REQUEST("invalid_request"),
    /** Client authentication failed: unknown client, wrong secret, or a pass that may not be used (RFC 6749 §5.2). */
    INVALID_CLIENT("invalid_client"),
    /** The grant (code, assertion, refresh token) is invalid, expired or revoked (RFC 6749 §5.2). */
    INVALID_GRANT("invalid_grant"),
    /** The authenticated client may not use this grant type, or act on this token (RFC 6749 §5.2, RFC 7009 §2.1). */
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    /** The grant type is not one the server supports (RFC 6749 §5.2). */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    /** The scope asked for exceeds what the client may have (RFC 6749 §5.2). */
    INVALID_SCOPE("invalid_scope"),
    /** A resource indicator that is not valid or not allowed to the client (RFC 8707 §2). */
    INVALID_TARGET("invalid_target"),
    /** The token type hint names a type the server cannot revoke (RFC 7009 §2.2.1). */
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type"),
    /** The server will not answer now; retry later (with a wait when one is known). */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}

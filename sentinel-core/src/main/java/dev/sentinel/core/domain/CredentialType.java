package dev.sentinel.core.domain;

/**
 * How the pass's client authenticates. {@link #API_KEY} (the default) and {@link #OAUTH_CLIENT} say how a client secret
 * is meant to be used and authenticate alike, with the secret; {@link #PRIVATE_KEY_JWT} has no secret at all: its
 * client signs a JWT assertion (RFC 7523 §2.2) with a private key whose public part the pass holds.
 */
public enum CredentialType implements Coded {
    API_KEY("api_key"),
    OAUTH_CLIENT("oauth_client"),
    /** Public keys instead of a secret: the client authenticates with {@code private_key_jwt}. */
    PRIVATE_KEY_JWT("private_key_jwt");

    /** The name of the input field that carries this value. */
    public static final String FIELD = "credential_type";

    private final String code;

    CredentialType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Whether the pass authenticates with signed assertions (its keys) rather than a client secret. */
    public boolean usesKeys() {
        return this == PRIVATE_KEY_JWT;
    }

    /** Parses a code case-insensitively; an unknown code is a {@link ValidationException} listing the allowed ones. */
    public static CredentialType parse(String raw) {
        return Coded.parse(CredentialType.class, FIELD, raw);
    }
}

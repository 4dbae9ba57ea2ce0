package dev.sentinel.core.domain;

/** How the credentials are meant to be used: as an API key or as an OAuth client. Defaults to {@link #API_KEY}; it does not change how authentication works. */
public enum CredentialType implements Coded {
    API_KEY("api_key"),
    OAUTH_CLIENT("oauth_client");

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

    /** Parses a code case-insensitively; an unknown code is a {@link ValidationException} listing the allowed ones. */
    public static CredentialType parse(String raw) {
        return Coded.parse(CredentialType.class, FIELD, raw);
    }
}

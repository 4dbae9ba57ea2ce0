package dev.sentinel.core.application.token;

import dev.sentinel.core.jose.KeyAlgorithm;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a {@link TokenService} issues tokens: issuer and default audience, lifetime, {@code typ}, the algorithm of new
 * signing keys (when not set: the algorithm of the store's current key, {@link SigningKeyService#DEFAULT_ALGORITHM}
 * for a store without keys) and the key-encryption key that protects them at rest. Immutable: {@link Builder#build()} copies every value.
 */
public final class TokenSettings {

    /** The default access-token lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    /**
     * The longest lifetime any Sentinel issues, and so the longest a token may have to verify: a fixed bound rather
     * than this node's setting, which may differ between nodes while a change of lifetime rolls out.
     */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private final Supplier<String> issuer;
    private final Supplier<String> audience;
    private final Duration lifetime;
    private final Optional<String> algorithm;
    private final AccessTokenType type;
    private final byte[] keyEncryptionKey;
    private final boolean acceptTokenEndpointAudience;

    private TokenSettings(Builder builder) {
        this.issuer = Objects.requireNonNull(builder.issuer, "issuer");
        this.audience = builder.audience == null ? issuer : builder.audience;
        this.lifetime = builder.lifetime;
        this.algorithm = builder.algorithm;
        this.type = builder.type;
        this.keyEncryptionKey = builder.keyEncryptionKey.clone();
        this.acceptTokenEndpointAudience = builder.acceptTokenEndpointAudience;
        if (lifetime.getSeconds() < 1 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1 second and 24 hours");
        }
        algorithm.ifPresent(KeyAlgorithm::parse);
    }

    /** Settings for {@code issuer}; the key-encryption key is 32 bytes, kept out of the database. */
    public static Builder builder(String issuer, byte[] keyEncryptionKey) {
        Objects.requireNonNull(issuer, "issuer");
        return builder(() -> issuer, keyEncryptionKey);
    }

    /** As {@link #builder(String, byte[])}, for a server that learns its issuer once it listens. */
    public static Builder builder(Supplier<String> issuer, byte[] keyEncryptionKey) {
        return new Builder(issuer, keyEncryptionKey);
    }

    /**
     * Whether every pass's client assertions may name the token endpoint URL as their {@code aud} besides the issuer
     * (Spring Security's client sends it); off by default, as rfc7523bis makes the issuer the sole audience.
     */
    public boolean acceptTokenEndpointAudience() {
        return acceptTokenEndpointAudience;
    }

    /** The token endpoint's URL: the issuer with {@code /oauth/token}. */
    public String tokenEndpoint() {
        String issuer = issuer();
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + dev.sentinel.core.port.in.TokenRequest.TOKEN_ENDPOINT;
    }

    public String issuer() {
        return issuer.get();
    }

    Supplier<String> issuerSupplier() {
        return issuer;
    }

    /** The {@code aud} of tokens for a pass that lists no audiences and asks for no resource; the issuer unless set. */
    public String audience() {
        return audience.get();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The configured algorithm of new signing keys; empty to follow the store's current key. */
    public Optional<String> algorithm() {
        return algorithm;
    }

    /** The {@code typ} header of issued tokens; default {@code at+jwt}. */
    public AccessTokenType accessTokenType() {
        return type;
    }

    byte[] keyEncryptionKey() {
        return keyEncryptionKey.clone();
    }

    /** The signing keys these settings describe, kept in {@code storage}. */
    public SigningKeyService signingKeys(Storage storage, Clock clock) {
        byte[] key = keyEncryptionKey();
        try {
            return new SigningKeyService(storage, clock, algorithm, key, lifetime);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Signing and verification of this issuer's access tokens with {@code keys}. */
    public AccessTokens accessTokens(SigningKeyService keys) {
        return new AccessTokens(keys, issuer, MAX_LIFETIME, type);
    }

    /** Collects the values. Not thread-safe. */
    public static final class Builder {
        private final Supplier<String> issuer;
        private final byte[] keyEncryptionKey;
        private Supplier<String> audience;
        private boolean acceptTokenEndpointAudience;
        private Duration lifetime = DEFAULT_LIFETIME;
        private Optional<String> algorithm = Optional.empty();
        private AccessTokenType type = AccessTokenType.AT_JWT;

        private Builder(Supplier<String> issuer, byte[] keyEncryptionKey) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
            if (keyEncryptionKey.length != 32) {
                throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
            }
            this.keyEncryptionKey = keyEncryptionKey.clone();
        }

        public Builder audience(String value) {
            Objects.requireNonNull(value, "audience");
            this.audience = () -> value;
            return this;
        }

        public Builder audience(Supplier<String> value) {
            this.audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /** How long issued tokens live (never past the pass's validity); default 15 minutes, 1 second to 24 hours. */
        public Builder lifetime(Duration value) {
            this.lifetime = Objects.requireNonNull(value, "lifetime");
            return this;
        }

        /**
         * {@code ES256}, {@code EdDSA} or {@code RS256}: the algorithm of new signing keys; a store whose current key
         * has another algorithm gets a new key on start. Unset (the default): new keys follow the store's current key,
         * and a store without keys starts with {@code ES256}.
         */
        public Builder algorithm(String value) {
            this.algorithm = Optional.of(KeyAlgorithm.parse(Objects.requireNonNull(value, "algorithm")).joseName());
            return this;
        }

        /** The {@code typ} header of issued tokens: {@code at+jwt} (the default, RFC 9068) or {@code JWT}. */
        public Builder accessTokenType(AccessTokenType value) {
            this.type = Objects.requireNonNull(value, "accessTokenType");
            return this;
        }

        /** Lets every pass's client assertions name the token endpoint URL as their audience (default: no). */
        public Builder acceptTokenEndpointAudience(boolean value) {
            this.acceptTokenEndpointAudience = value;
            return this;
        }

        public TokenSettings build() {
            return new TokenSettings(this);
        }
    }

    @Override
    public String toString() {
        return "TokenSettings[issuer=" + issuer.get() + ", lifetime=" + lifetime + ", algorithm=" + algorithm.orElse("as stored")
                + ", typ=" + type + "]";
    }
}

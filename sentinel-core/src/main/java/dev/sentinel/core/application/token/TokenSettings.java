package dev.sentinel.core.application.token;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link TokenService} issues tokens: issuer and audience, lifetime, the algorithm of new signing keys and the
 * key-encryption key that protects them at rest. Immutable: {@link Builder#build()} copies every value.
 */
public final class TokenSettings {

    /** The default access-token lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    private final Supplier<String> issuer;
    private final Supplier<String> audience;
    private final Duration lifetime;
    private final Duration maxLifetime;
    private final String algorithm;
    private final byte[] keyEncryptionKey;

    private TokenSettings(Builder builder) {
        this.issuer = Objects.requireNonNull(builder.issuer, "issuer");
        this.audience = builder.audience == null ? issuer : builder.audience;
        this.lifetime = builder.lifetime;
        this.maxLifetime = builder.maxLifetime == null ? builder.lifetime : builder.maxLifetime;
        this.algorithm = builder.algorithm;
        this.keyEncryptionKey = builder.keyEncryptionKey.clone();
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        if (maxLifetime.compareTo(lifetime) < 0) {
            throw new IllegalArgumentException("the largest token lifetime accepted must be at least the lifetime issued");
        }
        KeyAlgorithm.parse(algorithm);
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

    public String issuer() {
        return issuer.get();
    }

    Supplier<String> issuerSupplier() {
        return issuer;
    }

    /** The {@code aud} of issued tokens; the issuer unless set. */
    public String audience() {
        return audience.get();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The longest lifetime a token may have to be accepted (never below {@link #lifetime()}). */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    public String algorithm() {
        return algorithm;
    }

    byte[] keyEncryptionKey() {
        return keyEncryptionKey.clone();
    }

    /** Collects the values. Not thread-safe. */
    public static final class Builder {
        private final Supplier<String> issuer;
        private final byte[] keyEncryptionKey;
        private Supplier<String> audience;
        private Duration lifetime = DEFAULT_LIFETIME;
        private Duration maxLifetime;
        private String algorithm = "EdDSA";

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

        public Builder lifetime(Duration value) {
            this.lifetime = Objects.requireNonNull(value, "lifetime");
            return this;
        }

        /**
         * The longest lifetime accepted at verification; default the lifetime. Set it to the largest lifetime any
         * node of a cluster issues while a change of lifetime rolls out.
         */
        public Builder maxLifetime(Duration value) {
            this.maxLifetime = Objects.requireNonNull(value, "maxLifetime");
            return this;
        }

        /** {@code EdDSA} (default), {@code ES256} or {@code RS256}: the algorithm of new signing keys. */
        public Builder algorithm(String value) {
            this.algorithm = Objects.requireNonNull(value, "algorithm");
            return this;
        }

        public TokenSettings build() {
            return new TokenSettings(this);
        }
    }

    @Override
    public String toString() {
        return "TokenSettings[issuer=" + issuer.get() + ", lifetime=" + lifetime + ", algorithm=" + algorithm + "]";
    }
}

package dev.sentinel.resource.verify;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.fetch.CachedKeySource;
import dev.sentinel.core.fetch.HttpKeySources;
import dev.sentinel.core.fetch.KeysUnavailableException;
import dev.sentinel.core.jose.VerificationKey;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The issuer's published keys as the verifier uses them: the JWKS found in the metadata (or given), cached by
 * {@link HttpKeySources} (refreshed after the keys' maximum age, kept while fetching fails up to the stale-if-error
 * bound and then refused, one refetch per interval for an unknown {@code kid}), each JWK read once into a
 * {@link VerificationKey}. Thread-safe.
 */
final class PublishedKeys {

    private static final Logger LOG = Logger.getLogger(PublishedKeys.class.getName());

    /** The key for a {@code kid}, or why there is none. */
    record Lookup(Optional<VerificationKey> key, Optional<String> unavailable) {
    }

    private final Supplier<URI> jwksUri;
    private final HttpKeySources sources;
    private final Cache<JWK, Optional<VerificationKey>> read = CacheBuilder.newBuilder().weakKeys().maximumSize(1000).build();
    private final LongSupplier metadataFailures;
    private volatile CachedKeySource source;

    PublishedKeys(Supplier<URI> jwksUri, HttpKeySources sources, LongSupplier metadataFailures) {
        this.jwksUri = jwksUri;
        this.sources = sources;
        this.metadataFailures = metadataFailures;
    }

    Lookup key(String kid) {
        List<JWK> keys;
        try {
            keys = source().keys(Optional.of(kid));
        } catch (KeysUnavailableException unavailable) {
            return new Lookup(Optional.empty(), Optional.of(unavailable.getMessage()));
        } catch (IllegalStateException | IllegalArgumentException metadata) {
            return new Lookup(Optional.empty(), Optional.of(metadata.getMessage()));
        }
        return new Lookup(keys.stream().filter(key -> kid.equals(key.getKeyID())).findFirst().flatMap(this::verificationKey),
                Optional.empty());
    }

    /** How many times the keys (or the metadata naming them) were requested. */
    long fetches() {
        CachedKeySource known = source;
        return metadataFailures.getAsLong() + (known == null ? 0 : known.fetches());
    }

    /** How many of those requests failed. */
    long failures() {
        CachedKeySource known = source;
        return metadataFailures.getAsLong() + (known == null ? 0 : known.failures());
    }

    private CachedKeySource source() {
        CachedKeySource known = source;
        if (known == null) {
            known = sources.jwksUri(jwksUri.get());
            source = known;
        }
        return known;
    }

    private Optional<VerificationKey> verificationKey(JWK jwk) {
        Optional<VerificationKey> known = read.getIfPresent(jwk);
        if (known != null) {
            return known;
        }
        Optional<VerificationKey> key;
        try {
            key = Optional.of(VerificationKey.fromJwk(jwk.toJSONObject()));
        } catch (IllegalArgumentException unusable) {
            LOG.fine("skipping a JWK: " + unusable.getMessage());
            key = Optional.empty();
        }
        read.put(jwk, key);
        return key;
    }
}

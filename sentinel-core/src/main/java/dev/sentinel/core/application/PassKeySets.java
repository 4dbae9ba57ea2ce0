package dev.sentinel.core.application;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The inline keys of passes as JWKs, read once per distinct stored set: authentication needs them on every assertion,
 * and the verifiers {@link SignedJwts} makes are kept per JWK instance, so the same stored set yields the same
 * instances. Thread-safe.
 */
public final class PassKeySets {

    private static final Cache<String, List<JWK>> PARSED = CacheBuilder.newBuilder().maximumSize(10_000).build();

    private PassKeySets() {
    }

    /** The inline keys of {@code keys}; empty for keys by URI (or none). */
    public static List<JWK> inline(PassKeys keys) {
        if (keys.jwks().isEmpty()) {
            return List.of();
        }
        String json = keys.jwks().get();
        try {
            return PARSED.get(json, () -> PublicJwks.parse(json, PassKeys.JWKS_FIELD,
                    SignedJwts.CLIENT_ASSERTION_ALGORITHMS));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException failed) {
            throw new IllegalStateException("a stored JWK set no longer parses", failed.getCause());
        }
    }

    /** The RFC 7638 SHA-256 thumbprints of the inline keys, in their order; empty for keys by URI. */
    public static List<String> thumbprints(PassKeys keys) {
        return inline(keys).stream().map(PublicJwks::thumbprint).toList();
    }
}

package dev.sentinel.core.application.federation;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.fetch.KeySource;
import dev.sentinel.core.fetch.KeySources;
import dev.sentinel.core.fetch.KeysUnavailableException;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The keys of a trust policy: a static set parsed once (and kept while it is in use), a {@code jwks_uri} or the
 * issuer's discovery through the node's fetcher. Without a fetcher (an embedding application that gives none) only
 * static sets have keys. Thread-safe.
 */
final class PolicyKeySources {

    /** Static sets parsed at most this many kept; a store holds at most 100 policies a project. */
    private static final int MAX_PARSED = 1_000;

    private final Optional<KeySources> fetched;
    private final ConcurrentMap<String, KeySource> parsed = new ConcurrentHashMap<>();

    PolicyKeySources(Optional<KeySources> fetched) {
        this.fetched = Objects.requireNonNull(fetched, "fetched");
    }

    KeySource of(TrustPolicy policy) {
        TrustPolicyKeys keys = policy.keys();
        if (keys instanceof TrustPolicyKeys.StaticJwks set) {
            KeySource source = parsed.get(set.json());
            if (source == null) {
                List<JWK> parsedKeys = PublicJwks.parse(set.json(), "jwks", SignedJwts.ISSUER_ALGORITHMS);
                source = KeySource.fixed(parsedKeys);
                if (parsed.size() >= MAX_PARSED) {
                    parsed.clear();
                }
                parsed.put(set.json(), source);
            }
            return source;
        }
        if (fetched.isEmpty()) {
            return kid -> {
                throw new KeysUnavailableException("this node fetches no keys: give the trust policy a static jwks");
            };
        }
        if (keys instanceof TrustPolicyKeys.JwksUri uri) {
            return fetched.get().jwksUri(uri.uri());
        }
        return fetched.get().issuer(URI.create(policy.issuer()));
    }
}

package dev.sentinel.core.domain.federation;

import java.net.URI;
import java.util.Objects;

/**
 * Where a trust policy finds the keys that sign its issuer's tokens: the issuer's OpenID / RFC 8414 discovery
 * (its {@code jwks_uri}, which may be on another host), a given {@code jwks_uri}, or a static JWK set of public keys
 * (for a cluster whose issuer is not reachable from Sentinel).
 */
public sealed interface TrustPolicyKeys permits TrustPolicyKeys.Discovery, TrustPolicyKeys.JwksUri,
        TrustPolicyKeys.StaticJwks {

    /** The keys named by the issuer's discovery document. */
    record Discovery() implements TrustPolicyKeys {
    }

    /** The keys at {@code uri} (https). */
    record JwksUri(URI uri) implements TrustPolicyKeys {

        public JwksUri {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** A JWK set of public keys, as JSON text ({@code {"keys": [...]}}), already validated. */
    record StaticJwks(String json) implements TrustPolicyKeys {

        public StaticJwks {
            Objects.requireNonNull(json, "json");
        }
    }

    static TrustPolicyKeys discovery() {
        return new Discovery();
    }
}

package dev.sentinel.core.fetch;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the public keys that check an outside party's JWTs come from: a pass's inline JWK set, an issuer's static set,
 * or a {@code jwks_uri} fetched and cached by {@link KeySources}. Thread-safe.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The public keys to try now. When {@code kid} is given and no key at hand has it, a fetched source may fetch its
     * set again once (rate-limited) before answering.
     *
     * @throws KeysUnavailableException when no keys can be had (the fetch failed and no cached keys are within their
     *         stale bound, the address was refused, the document was unusable)
     */
    List<JWK> keys(Optional<String> kid);

    /** A set that never changes: a pass's inline {@code jwks}, an issuer's static keys. */
    static KeySource fixed(List<JWK> keys) {
        List<JWK> copy = List.copyOf(Objects.requireNonNull(keys, "keys"));
        return kid -> copy;
    }
}

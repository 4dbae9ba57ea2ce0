package dev.sentinel.core.fetch;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.sentinel.core.domain.ValidationException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A JWK set someone publishes, read through {@link PublicJwks} one key at a time: a key that carries a private member
 * makes the whole set refused (its publisher is leaking keys, and nothing it publishes is trusted), as does a set of
 * more than {@value PublicJwks#MAX_KEYS} keys; a key Sentinel cannot use (another {@code kty} or curve, {@code use}
 * {@code enc}, a short RSA modulus, a repeated {@code kid}) is dropped and the others kept, because issuers publish
 * keys for other purposes beside their signing keys. An empty set is valid: it trusts nothing.
 */
final class FetchedJwks {

    private static final Logger LOG = Logger.getLogger(FetchedJwks.class.getName());
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private FetchedJwks() {
    }

    /** @throws IllegalArgumentException with the reason the set is refused, safe to show an operator */
    static List<JWK> parse(String json, String source) {
        Map<String, Object> set;
        try {
            set = JSONObjectUtils.parse(json);
        } catch (ParseException malformed) {
            throw new IllegalArgumentException(source + " is not a JWK set: not a JSON object");
        }
        if (!(set.get("keys") instanceof List<?> members)) {
            throw new IllegalArgumentException(source + " is not a JWK set: it has no keys array");
        }
        if (members.size() > PublicJwks.MAX_KEYS) {
            throw new IllegalArgumentException(source + " publishes " + members.size() + " keys, more than the "
                    + PublicJwks.MAX_KEYS + " a set may hold; the set is refused");
        }
        List<JWK> kept = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Object member = members.get(i);
            if (member instanceof Map<?, ?> raw && PRIVATE_MEMBERS.stream().anyMatch(raw::containsKey)) {
                throw new IllegalArgumentException(source + " publishes a key with private parts (keys[" + i
                        + "]); the set is refused");
            }
            try {
                List<JWK> one = PublicJwks.parse(JSONObjectUtils.toJSONString(Map.of("keys", java.util.Collections.singletonList(member))),
                        "keys[" + i + "]", SignedJwts.ISSUER_ALGORITHMS);
                JWK key = one.get(0);
                if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                    dropped.add("keys[" + i + "].kid repeats " + key.getKeyID());
                } else {
                    kept.add(key);
                }
            } catch (ValidationException unusable) {
                dropped.add(unusable.getMessage());
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info(() -> source + ": " + dropped.size() + " key(s) dropped: " + String.join("; ", dropped));
        }
        return List.copyOf(kept);
    }
}

package dev.sentinel.core.fetch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JWK set of public keys given by a person or fetched from a party Sentinel trusts, checked before anything keeps
 * it: a JSON object whose {@code keys} holds at most {@value #MAX_KEYS} public keys, each able to verify one of the
 * caller's algorithms (EC P-256 or P-384, OKP Ed25519, RSA of at least {@value #MIN_RSA_BITS} bits), {@code use}
 * {@code sig} when given, {@code kid} unique when given. A key carrying a private member is refused — so the set is
 * never kept — and so are symmetric ({@code oct}) keys. Every problem is reported at once.
 */
public final class PublicJwks {

    /** The most keys one set may hold. */
    public static final int MAX_KEYS = 100;

    /** The smallest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;

    /** JWK members that only private or symmetric keys have (RFC 7518 §6). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private PublicJwks() {
    }

    /**
     * The keys of {@code json}, each usable with at least one of {@code allowed}.
     *
     * @param field the input field named in errors, such as {@code jwks}
     * @throws ValidationException naming {@code field} (or {@code field.keys[i]}) and the rule, all problems at once
     */
    public static List<JWK> parse(String json, String field, Set<JWSAlgorithm> allowed) {
        Map<String, Object> set;
        try {
            set = JSONObjectUtils.parse(json);
        } catch (ParseException malformed) {
            throw ValidationException.of(field, "must be a JWK set: a JSON object with a keys array");
        }
        Object members = set.get("keys");
        if (!(members instanceof List<?> list)) {
            throw ValidationException.of(field, "must be a JWK set: a JSON object with a keys array");
        }
        Violations violations = new Violations();
        if (list.isEmpty()) {
            violations.add(field + ".keys", "must hold at least one key");
        }
        if (list.size() > MAX_KEYS) {
            throw ValidationException.of(field + ".keys", "must hold at most " + MAX_KEYS + " keys (it has "
                    + list.size() + ")");
        }
        List<JWK> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + ".keys[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                violations.add(at, "must be a JSON object");
                continue;
            }
            List<String> privateParts = PRIVATE_MEMBERS.stream().filter(raw::containsKey).toList();
            if (!privateParts.isEmpty()) {
                violations.add(at, "must be a public key: it carries the private member"
                        + (privateParts.size() > 1 ? "s " : " ") + String.join(", ", privateParts)
                        + "; nothing was stored — send only the public part");
                continue;
            }
            JWK key;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) raw;
                key = JWK.parse(object);
            } catch (ParseException unreadable) {
                violations.add(at, "is not a valid JWK: " + unreadable.getMessage());
                continue;
            }
            String problem = problem(key, allowed);
            if (problem != null) {
                violations.add(at, problem);
                continue;
            }
            if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                violations.add(at + ".kid", "must be unique within the set (" + key.getKeyID() + " is repeated)");
                continue;
            }
            keys.add(key);
        }
        violations.throwIfAny();
        return List.copyOf(keys);
    }

    /** The RFC 7638 SHA-256 thumbprint of {@code key}, base64url. */
    public static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", impossible);
        }
    }

    /** The JSON of {@code keys} as a JWK set (public members only). */
    public static String toJson(List<JWK> keys) {
        List<Object> members = keys.stream().map(key -> (Object) key.toPublicJWK().toJSONObject()).toList();
        return JSONObjectUtils.toJSONString(Map.of("keys", members));
    }

    private static String problem(JWK key, Set<JWSAlgorithm> allowed) {
        if (key.isPrivate()) {
            return "must be a public key; nothing was stored — send only the public part";
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "use must be sig (it is " + key.getKeyUse().identifier() + ")";
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            return "an RSA key must have at least " + MIN_RSA_BITS + " bits (it has " + rsa.size() + ")";
        }
        List<JWSAlgorithm> usable = SignedJwts.algorithmsOf(key).stream().filter(allowed::contains).toList();
        if (usable.isEmpty()) {
            return "must be a key for " + SignedJwts.names(allowed) + " (kty " + key.getKeyType()
                    + describeCurve(key) + (key.getAlgorithm() != null ? ", alg " + key.getAlgorithm() : "")
                    + " is not)";
        }
        return null;
    }

    private static String describeCurve(JWK key) {
        Object crv = key.toJSONObject().get("crv");
        return crv == null ? "" : " crv " + crv;
    }
}

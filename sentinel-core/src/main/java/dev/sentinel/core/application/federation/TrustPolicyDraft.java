package dev.sentinel.core.application.federation;

import dev.sentinel.core.domain.DurationText;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.fetch.FetchPolicy;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trust policy as given by a person, not yet checked: each field as sent ({@code null} when absent). {@link #check}
 * gathers every broken rule at once, each naming its field. Immutable.
 *
 * @param jwks the JWK set as JSON text ({@code {"keys": [...]}}), public keys only
 */
public record TrustPolicyDraft(String issuer, String jwksUri, String jwks, String audience,
                               Map<String, String> conditions, String maxTokenAge, String passId,
                               String description) {

    public static final String ISSUER = "issuer";
    public static final String JWKS_URI = "jwks_uri";
    public static final String JWKS = "jwks";
    public static final String AUDIENCE = "audience";
    public static final String CONDITIONS = "conditions";
    public static final String MAX_TOKEN_AGE = "max_token_age";
    public static final String PASS_ID = "pass_id";
    public static final String DESCRIPTION = "description";
    /** The fields a request body may carry. */
    public static final Set<String> FIELDS = Set.of(ISSUER, JWKS_URI, JWKS, AUDIENCE, CONDITIONS, MAX_TOKEN_AGE,
            PASS_ID, DESCRIPTION);

    /** The token age a policy allows when it names none. */
    public static final Duration DEFAULT_MAX_TOKEN_AGE = Duration.ofHours(1);
    public static final Duration MIN_MAX_TOKEN_AGE = Duration.ofMinutes(1);
    public static final Duration MAX_MAX_TOKEN_AGE = Duration.ofHours(24);
    public static final int MAX_CONDITIONS = 20;
    public static final int MAX_URL_LENGTH = 500;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /**
     * The claims that name a workload, one of which (or {@code /sub}) a policy must constrain: GitHub Actions'
     * repository, GitLab CI's project, a Kubernetes service account, a Google service account's e-mail.
     */
    public static final List<String> WORKLOAD_CLAIMS = List.of("/sub", "/repository", "/repository_id",
            "/job_workflow_ref", "/project_path", "/project_id", "/kubernetes.io/serviceaccount/name",
            "/kubernetes.io/serviceaccount/uid", "/email");
    /**
     * Literal starts of a glob that every workload of a well-known issuer shares: {@code repo:*} is every GitHub
     * repository, {@code system:serviceaccount:*} every service account of a cluster, {@code project_path:*} every
     * GitLab project; such a glob names no workload.
     */
    public static final Set<String> ISSUER_WIDE_PREFIXES = Set.of("", "repo:", "project_path:",
            "system:serviceaccount:", "spiffe://");

    public TrustPolicyDraft {
        conditions = conditions == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }

    /** The draft that gives every field of {@code policy} as it is. */
    public static TrustPolicyDraft of(TrustPolicy policy) {
        Map<String, String> conditions = new LinkedHashMap<>();
        policy.conditions().forEach(condition -> conditions.put(condition.pointer(), condition.pattern()));
        String jwksUri = policy.keys() instanceof TrustPolicyKeys.JwksUri uri ? uri.uri().toString() : null;
        String jwks = policy.keys() instanceof TrustPolicyKeys.StaticJwks set ? set.json() : null;
        return new TrustPolicyDraft(policy.issuer(), jwksUri, jwks, policy.audience(), conditions,
                policy.maxTokenAge().getSeconds() + "s", policy.passId().value(), policy.description().orElse(null));
    }

    /** What a valid draft says, with the defaults filled in. */
    public record Checked(String issuer, TrustPolicyKeys keys, String audience, List<ClaimCondition> conditions,
                          Duration maxTokenAge, PassId passId, Optional<String> description) {
    }

    /**
     * The checked policy, or {@code null} with every broken rule added to {@code violations}.
     *
     * @param defaultAudience the audience of a policy that names none: Sentinel's issuer identifier
     */
    public Checked check(Violations violations, String defaultAudience) {
        return check(violations, defaultAudience, FetchPolicy.publicTargetsOnly());
    }

    /**
     * As {@link #check(Violations, String)}, where {@code issuer} and {@code jwks_uri} may be plain {@code http} to a
     * loopback or private address exactly when {@code fetching} allows private targets (the rule each fetch applies).
     */
    public Checked check(Violations violations, String defaultAudience, FetchPolicy fetching) {
        Objects.requireNonNull(defaultAudience, "defaultAudience");
        Objects.requireNonNull(fetching, "fetching");
        int before = violations.list().size();
        String checkedIssuer = httpsUrl(violations, ISSUER, issuer, true, fetching);
        TrustPolicyKeys keys = keys(violations, fetching);
        String checkedAudience = audience == null ? defaultAudience : audience.strip();
        if (checkedAudience.isEmpty() || checkedAudience.length() > MAX_URL_LENGTH) {
            violations.add(AUDIENCE, "must be 1-" + MAX_URL_LENGTH + " characters (default: Sentinel's issuer)");
        }
        List<ClaimCondition> checkedConditions = conditions(violations);
        Duration age = maxTokenAge(violations);
        PassId pass = null;
        if (passId == null || passId.isBlank()) {
            violations.add(PASS_ID, "is required: the pass the workload's token stands for");
        } else {
            pass = violations.check(() -> PassId.of(passId.strip()));
            if (pass == null) {
                violations.add(PASS_ID, "must be the id of a pass of the project, such as SP-2026-ABC123");
            }
        }
        Optional<String> checkedDescription = Optional.ofNullable(description).map(String::strip)
                .filter(text -> !text.isEmpty());
        if (checkedDescription.map(text -> text.length() > MAX_DESCRIPTION_LENGTH).orElse(false)) {
            violations.add(DESCRIPTION, "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (violations.list().size() > before) {
            return null;
        }
        return new Checked(checkedIssuer, keys, checkedAudience, checkedConditions, age, pass, checkedDescription);
    }

    private TrustPolicyKeys keys(Violations violations, FetchPolicy fetching) {
        if (jwksUri != null && jwks != null) {
            violations.add(JWKS, "give jwks_uri or jwks, not both (neither: the keys of the issuer's discovery)");
            return null;
        }
        if (jwksUri != null) {
            String uri = httpsUrl(violations, JWKS_URI, jwksUri, false, fetching);
            return uri == null ? null : new TrustPolicyKeys.JwksUri(URI.create(uri));
        }
        if (jwks != null) {
            List<com.nimbusds.jose.jwk.JWK> keys = violations.check(() -> PublicJwks.parse(jwks, JWKS,
                    SignedJwts.ISSUER_ALGORITHMS));
            return keys == null ? null : new TrustPolicyKeys.StaticJwks(PublicJwks.toJson(keys));
        }
        return new TrustPolicyKeys.Discovery();
    }

    private List<ClaimCondition> conditions(Violations violations) {
        if (conditions == null || conditions.isEmpty()) {
            violations.add(CONDITIONS, "must name the workload: a condition on /sub or on one of "
                    + String.join(", ", WORKLOAD_CLAIMS.subList(1, WORKLOAD_CLAIMS.size()))
                    + " (without one, every token of the issuer would match)");
            return List.of();
        }
        if (conditions.size() > MAX_CONDITIONS) {
            violations.add(CONDITIONS, "must hold at most " + MAX_CONDITIONS + " conditions");
            return List.of();
        }
        List<ClaimCondition> checked = new ArrayList<>();
        conditions.forEach((pointer, pattern) -> {
            if (pattern == null) {
                violations.add(CONDITIONS + "." + pointer, "must be a string: a value, or a glob where * stands for "
                        + "any characters");
                return;
            }
            ClaimCondition condition = violations.check(() -> new ClaimCondition(pointer, pattern));
            if (condition != null) {
                checked.add(condition);
            }
        });
        if (checked.size() == conditions.size() && checked.stream().noneMatch(TrustPolicyDraft::namesWorkload)) {
            violations.add(CONDITIONS, "must name the workload: a condition on /sub or on one of "
                    + String.join(", ", WORKLOAD_CLAIMS.subList(1, WORKLOAD_CLAIMS.size())) + " whose value is not "
                    + "a glob every workload of the issuer matches (such as *, repo:* or system:serviceaccount:*)");
        }
        return checked;
    }

    /** Whether the condition singles out a workload: on a naming claim, with a literal beyond issuer-wide starts. */
    static boolean namesWorkload(ClaimCondition condition) {
        if (!WORKLOAD_CLAIMS.contains(condition.pointer())) {
            return false;
        }
        if (!condition.isGlob()) {
            return true;
        }
        return !ISSUER_WIDE_PREFIXES.contains(condition.literalPrefix());
    }

    private Duration maxTokenAge(Violations violations) {
        if (maxTokenAge == null) {
            return DEFAULT_MAX_TOKEN_AGE;
        }
        Optional<Duration> parsed = DurationText.parse(maxTokenAge);
        if (parsed.isEmpty() || parsed.get().compareTo(MIN_MAX_TOKEN_AGE) < 0
                || parsed.get().compareTo(MAX_MAX_TOKEN_AGE) > 0) {
            violations.add(MAX_TOKEN_AGE, "must be a duration from 1m to 24h (" + DurationText.EXAMPLES + ")");
            return null;
        }
        return parsed.get();
    }

    /**
     * An absolute https URL without fragment (an issuer: without query either), or plain http where {@code fetching}
     * allows it to the host; or null with a violation added.
     */
    private static String httpsUrl(Violations violations, String field, String raw, boolean issuer,
                                   FetchPolicy fetching) {
        if (raw == null || raw.isBlank()) {
            if (issuer) {
                violations.add(field, "is required: the https URL of the token issuer (its iss claim)");
            }
            return null;
        }
        String rule = (issuer ? "must be an https URL without query or fragment, exactly as the tokens' iss claim"
                : "must be an https URL without fragment") + (fetching.allowPrivateTargets()
                ? " (plain http only to a loopback or private address)"
                : " (plain http to a loopback or private address needs private targets allowed)");
        if (raw.length() > MAX_URL_LENGTH || !raw.equals(raw.strip())) {
            violations.add(field, rule + ", at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                    || (issuer && uri.getRawQuery() != null)) {
                violations.add(field, rule);
                return null;
            }
            if (scheme.equals("http") && !fetching.allowsPlainHttpTo(uri.getHost())) {
                violations.add(field, rule + (fetching.allowPrivateTargets() ? ": " + uri.getHost()
                        + " is not one" : ""));
                return null;
            }
            return raw;
        } catch (URISyntaxException malformed) {
            violations.add(field, rule);
            return null;
        }
    }

    /** Every broken rule of the draft at once, as {@link ValidationException}; the checked policy otherwise. */
    Checked checked(String defaultAudience) {
        Violations violations = new Violations();
        Checked checked = check(violations, defaultAudience);
        violations.throwIfAny();
        return checked;
    }
}

package dev.sentinel.core.application.federation;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.sentinel.core.application.federation.FederationRefusedException.Reason;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassRefusal;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.fetch.JwtRefusedException;
import dev.sentinel.core.fetch.KeySources;
import dev.sentinel.core.fetch.SignedJwts;
import dev.sentinel.core.port.out.Storage;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which pass a workload's token stands for, by the trust policies of every project: the policies that trust
 * exactly the token's {@code iss} (only the named pass's when the request names one with {@code client_id}); the
 * signature, checked with each policy's own keys (a policy whose keys do not verify the token does not match); then
 * {@code exp} (required), {@code nbf} and {@code iat} (required) with {@value #SKEW_SECONDS} s of clock skew; then per
 * policy its {@code aud}, the token's age against its {@code max_token_age}, and its conditions. The policies that
 * match must name one pass; that pass must be usable now (state, validity, allowed networks). Thread-safe.
 */
public final class WorkloadIdentities {

    /** The clock skew allowed on {@code exp}, {@code nbf} and {@code iat}. */
    public static final long SKEW_SECONDS = 60;
    /** The longest claim value or issuer an evidence text quotes. */
    private static final int SHOWN = 100;

    /** Which audiences a wire form accepts besides a policy's own {@code audience}. */
    public enum AudienceRule {
        /** The policy's audience only (token exchange, federated client assertions). */
        POLICY,
        /** Also the token endpoint URL where the policy expects Sentinel's issuer (RFC 7523 §3 for grants). */
        POLICY_OR_TOKEN_ENDPOINT
    }

    private final Storage storage;
    private final PolicyKeySources keys;
    private final Supplier<String> sentinelIssuer;

    /**
     * @param fetched        the node's fetched key sets (none: only policies with a static {@code jwks} have keys)
     * @param sentinelIssuer Sentinel's issuer identifier, whose {@code /oauth/token} is the token endpoint
     */
    public WorkloadIdentities(Storage storage, Optional<KeySources> fetched, Supplier<String> sentinelIssuer) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.keys = new PolicyKeySources(fetched);
        this.sentinelIssuer = Objects.requireNonNull(sentinelIssuer, "sentinelIssuer");
    }

    /**
     * The identity {@code token} proves at {@code now} from {@code clientAddress}.
     *
     * @param clientId the pass named by the request's {@code client_id}, if any
     * @throws FederationRefusedException with the evidence of why not
     */
    public FederatedIdentity resolve(String token, Optional<String> clientId, AudienceRule audiences,
                                     Optional<String> clientAddress, Instant now) throws FederationRefusedException {
        String issuer = claimedIssuer(token);
        Optional<SentinelPass> named = Optional.empty();
        if (clientId.isPresent()) {
            named = ClientId.isWellFormed(clientId.get())
                    ? storage.read(session -> session.sentinelPass(new ClientId(clientId.get()))) : Optional.empty();
            if (named.isEmpty()) {
                throw refusal(Reason.UNKNOWN_CLIENT, "client_id " + shown(clientId.get()) + " names no pass",
                        NO_MATCH, issuer, Optional.empty(), Set.of());
            }
        }
        Optional<PassId> namedPass = named.map(SentinelPass::passId);
        List<TrustPolicy> candidates = storage.read(session -> session.trustPolicies().listByIssuer(issuer)).stream()
                .filter(policy -> namedPass.map(policy.passId()::equals).orElse(true)).toList();
        if (candidates.isEmpty()) {
            throw refusal(Reason.UNKNOWN_ISSUER, "no trust policy" + namedPass.map(id -> " of pass " + id).orElse("")
                    + " trusts the issuer " + shown(issuer), NO_MATCH, issuer, namedPass, Set.of());
        }
        Optional<PassId> concerned = namedPass.or(() -> onePass(candidates));
        Set<ProjectId> projects = candidates.stream().map(TrustPolicy::project)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Verified verified = verify(token, candidates, issuer, concerned, projects);
        checkTimes(verified.claims(), now, issuer, concerned, projects);
        Map<String, Object> claims = verified.claims().toJSONObject();
        List<TrustPolicy> matching = new ArrayList<>();
        List<Refusal> misses = new ArrayList<>();
        for (TrustPolicy policy : verified.policies()) {
            Optional<Refusal> miss = miss(policy, verified.claims(), claims, audiences, now);
            if (miss.isEmpty()) {
                matching.add(policy);
            } else {
                misses.add(miss.get());
            }
        }
        if (matching.isEmpty()) {
            throw noMatch(misses, issuer, concerned, projects);
        }
        Set<PassId> passes = matching.stream().map(TrustPolicy::passId).collect(Collectors.toCollection(LinkedHashSet::new));
        if (passes.size() > 1) {
            Map<ProjectId, String> perProject = new LinkedHashMap<>();
            matching.stream().map(TrustPolicy::project).distinct().forEach(project -> perProject.put(project,
                    "trust policies of several passes match the token; of this project: " + matching.stream()
                            .filter(policy -> policy.project().equals(project))
                            .map(policy -> policy.id() + " → " + policy.passId()).collect(Collectors.joining(", "))));
            throw new FederationRefusedException(Reason.SEVERAL_MATCH, matching.size() + " trust policies of "
                    + passes.size() + " passes match the token (" + matching.stream().map(policy -> policy.id()
                    + " → " + policy.passId()).collect(Collectors.joining(", ")) + ")",
                    "several trust policies match the token: name the pass with the client_id parameter",
                    Optional.of(issuer), Optional.empty(), perProject.keySet(), perProject);
        }
        TrustPolicy policy = matching.get(0);
        SentinelPass pass = usablePass(policy, named, clientAddress, now, issuer);
        return new FederatedIdentity(pass, policy, issuer, Objects.requireNonNullElse(verified.claims().getSubject(),
                ""));
    }

    private static final String NO_MATCH = "no trust policy matches the token";

    private static String claimedIssuer(String token) throws FederationRefusedException {
        JWTClaimsSet unverified;
        try {
            unverified = JWTParser.parse(token).getJWTClaimsSet();
        } catch (ParseException | RuntimeException unreadable) {
            throw refusal(Reason.MALFORMED, "the token is not a JWT", "the token is not a signed JWT",
                    Optional.empty(), Optional.empty(), Set.of());
        }
        String issuer = unverified.getIssuer();
        if (issuer == null || issuer.isEmpty()) {
            throw refusal(Reason.MALFORMED, "the token has no iss claim", "the token has no iss claim",
                    Optional.empty(), Optional.empty(), Set.of());
        }
        return issuer;
    }

    private record Verified(JWTClaimsSet claims, List<TrustPolicy> policies) {
    }

    /** The claims, and the candidates whose own keys verified the signature; refused when none did. */
    private Verified verify(String token, List<TrustPolicy> candidates, String issuer, Optional<PassId> concerned,
                            Set<ProjectId> projects) throws FederationRefusedException {
        Map<TrustPolicyKeys, List<TrustPolicy>> byKeys = new LinkedHashMap<>();
        candidates.forEach(policy -> byKeys.computeIfAbsent(policy.keys(), any -> new ArrayList<>()).add(policy));
        JwtRefusedException first = null;
        JWTClaimsSet claims = null;
        List<TrustPolicy> verified = new ArrayList<>();
        for (List<TrustPolicy> group : byKeys.values()) {
            try {
                JWTClaimsSet checked = SignedJwts.verify(token, keys.of(group.get(0)), SignedJwts.ISSUER_ALGORITHMS);
                claims = claims == null ? checked : claims;
                verified.addAll(group);
            } catch (JwtRefusedException refused) {
                first = first == null ? refused : first;
            }
        }
        if (verified.isEmpty()) {
            Reason reason = switch (first.reason()) {
                case MALFORMED -> Reason.MALFORMED;
                case ALG_NOT_ALLOWED -> Reason.ALG_NOT_ALLOWED;
                case UNKNOWN_KID -> Reason.UNKNOWN_KID;
                case KEYS_UNAVAILABLE -> Reason.KEYS_UNAVAILABLE;
                case BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
            };
            String description = reason == Reason.KEYS_UNAVAILABLE ? "the keys of the token's issuer are not "
                    + "available now" : reason == Reason.MALFORMED ? "the token is not a signed JWT"
                    : "the token's signature is not accepted";
            throw refusal(reason, first.getMessage(), description, issuer, concerned, projects);
        }
        return new Verified(claims, verified);
    }

    private static void checkTimes(JWTClaimsSet claims, Instant now, String issuer, Optional<PassId> concerned,
                                   Set<ProjectId> projects) throws FederationRefusedException {
        Instant latest = now.plusSeconds(SKEW_SECONDS);
        if (claims.getExpirationTime() == null) {
            throw refusal(Reason.MALFORMED, "the token has no exp claim", "the token has no exp claim", issuer,
                    concerned, projects);
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (!now.isBefore(exp.plusSeconds(SKEW_SECONDS))) {
            throw refusal(Reason.EXPIRED, "the token expired at " + exp, "the token has expired", issuer, concerned,
                    projects);
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latest)) {
            throw refusal(Reason.NOT_YET_VALID, "the token is valid from " + claims.getNotBeforeTime().toInstant(),
                    "the token is not yet valid", issuer, concerned, projects);
        }
        if (claims.getIssueTime() == null) {
            throw refusal(Reason.MALFORMED, "the token has no iat claim", "the token has no iat claim", issuer,
                    concerned, projects);
        }
        if (claims.getIssueTime().toInstant().isAfter(latest)) {
            throw refusal(Reason.NOT_YET_VALID, "the token is issued in the future, at "
                    + claims.getIssueTime().toInstant(), "the token is not yet valid", issuer, concerned, projects);
        }
    }

    private record Refusal(TrustPolicy policy, Reason reason, String detail, String description) {
    }

    /** Why {@code policy} does not accept the verified claims; empty when it does. */
    private Optional<Refusal> miss(TrustPolicy policy, JWTClaimsSet claims, Map<String, Object> json,
                                   AudienceRule rule, Instant now) {
        List<String> aud = Objects.requireNonNullElse(claims.getAudience(), List.of());
        boolean audienceOk = aud.contains(policy.audience()) || (rule == AudienceRule.POLICY_OR_TOKEN_ENDPOINT
                && policy.audience().equals(sentinelIssuer.get()) && aud.contains(tokenEndpoint()));
        if (!audienceOk) {
            return Optional.of(new Refusal(policy, Reason.WRONG_AUDIENCE, "policy " + policy.id() + " expects aud "
                    + policy.audience() + ", the token has " + shown(String.join(" ", aud)),
                    "the token's aud is not the audience the trust policy expects"));
        }
        Duration age = Duration.between(claims.getIssueTime().toInstant(), now);
        if (age.compareTo(policy.maxTokenAge()) > 0) {
            return Optional.of(new Refusal(policy, Reason.TOO_OLD, "policy " + policy.id() + " accepts tokens up to "
                    + policy.maxTokenAge().getSeconds() + " s old, the token was issued " + age.getSeconds()
                    + " s ago", "the token is older than the trust policy's max_token_age"));
        }
        Optional<ClaimCondition> failed = policy.failedCondition(json);
        if (failed.isPresent()) {
            ClaimCondition condition = failed.get();
            String actual = condition.valueIn(json).map(value -> "is " + shown(value))
                    .orElse("is missing or not a string, number or boolean");
            return Optional.of(new Refusal(policy, Reason.CONDITION_FAILED, "policy " + policy.id() + " condition "
                    + condition.pointer() + " = " + shown(condition.pattern()) + ": the claim " + actual, NO_MATCH));
        }
        return Optional.empty();
    }

    private static FederationRefusedException noMatch(List<Refusal> misses, String issuer, Optional<PassId> concerned,
                                                      Set<ProjectId> projects) {
        Map<ProjectId, String> perProject = new LinkedHashMap<>();
        projects.forEach(project -> {
            List<Refusal> own = misses.stream().filter(miss -> miss.policy().project().equals(project)).toList();
            perProject.put(project, own.isEmpty() ? "no trust policy of this project has keys that verify the token"
                    : missed(own));
        });
        if (misses.size() == 1) {
            Refusal only = misses.get(0);
            return new FederationRefusedException(only.reason(), only.detail(), only.description(),
                    Optional.of(issuer), concerned, projects, perProject);
        }
        Set<String> descriptions = misses.stream().map(Refusal::description).collect(Collectors.toSet());
        return new FederationRefusedException(Reason.NO_POLICY_MATCHED, missed(misses),
                descriptions.size() == 1 ? descriptions.iterator().next() : NO_MATCH, Optional.of(issuer), concerned,
                projects, perProject);
    }

    /** Why none of {@code misses}' policies matched, each policy with its reason. */
    private static String missed(List<Refusal> misses) {
        if (misses.size() == 1) {
            return misses.get(0).detail();
        }
        return "none of " + misses.size() + " trust policies matches: " + misses.stream()
                .map(miss -> miss.reason().code() + " (" + miss.detail() + ")").collect(Collectors.joining("; "));
    }

    /** The policy's pass, usable now from the client's address; the named pass when the request named one. */
    private SentinelPass usablePass(TrustPolicy policy, Optional<SentinelPass> named, Optional<String> clientAddress,
                                    Instant now, String issuer) throws FederationRefusedException {
        Optional<SentinelPass> found = named.isPresent() ? named : storage.read(session -> session.passes()
                .find(policy.passId()).flatMap(pass -> session.sentinelPass(pass.clientId())));
        Optional<PassId> passId = Optional.of(policy.passId());
        if (found.isEmpty() || !found.get().pass().project().equals(policy.project())) {
            throw refusal(Reason.PASS_REFUSED, "the pass " + policy.passId() + " of policy " + policy.id()
                    + " does not exist in project " + policy.project(), NO_MATCH, issuer, Optional.empty(),
                    Set.of(policy.project()));
        }
        SentinelPass pass = found.get();
        Optional<PassRefusal> refusal = pass.pass().refusalAt(now);
        if (refusal.isPresent()) {
            throw refusal(Reason.PASS_REFUSED, refusal.get().code() + ": " + refusal.get().description(),
                    "the pass the trust policy names may not be used now", issuer, passId, Set.of(policy.project()));
        }
        if (!pass.pass().allowedNetworks().permits(clientAddress)) {
            throw refusal(Reason.PASS_REFUSED, "address_not_allowed: address " + clientAddress.map(
                    WorkloadIdentities::shown).orElse("unknown") + " not in allowed_ips",
                    "the pass the trust policy names may not be used from this address", issuer, passId,
                    Set.of(policy.project()));
        }
        return pass;
    }

    private static Optional<PassId> onePass(List<TrustPolicy> policies) {
        Set<PassId> passes = policies.stream().map(TrustPolicy::passId).collect(Collectors.toSet());
        return passes.size() == 1 ? Optional.of(passes.iterator().next()) : Optional.empty();
    }

    /** Sentinel's token endpoint URL, the other audience RFC 7523 allows a grant's assertion. */
    String tokenEndpoint() {
        String issuer = sentinelIssuer.get();
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth/token";
    }

    private static FederationRefusedException refusal(Reason reason, String detail, String description,
                                                      String issuer, Optional<PassId> pass, Set<ProjectId> projects) {
        return refusal(reason, detail, description, Optional.of(issuer), pass, projects);
    }

    private static FederationRefusedException refusal(Reason reason, String detail, String description,
                                                      Optional<String> issuer, Optional<PassId> pass,
                                                      Set<ProjectId> projects) {
        return new FederationRefusedException(reason, detail, description, issuer, pass, projects);
    }

    /** A value as evidence quotes it: at most {@value #SHOWN} characters, control characters escaped. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(SHOWN).forEach(cp -> {
            if (Character.isISOControl(cp) || cp == '"' || cp == '\\') {
                out.append(String.format("\\u%04x", cp));
            } else if (cp > 0x7e) {
                // a look-alike is shown as what it is: é and U+0435 must not read as e
                out.append(String.format(cp > 0xffff ? "\\U%06x" : "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > SHOWN ? "…\"" : "\"").toString();
    }
}

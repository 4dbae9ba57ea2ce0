package dev.sentinel.core.domain.federation;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trust policy of a project: tokens that {@code issuer} signs (with keys found as {@code keys} says), meant for
 * {@code audience}, not older than {@code maxTokenAge}, whose claims satisfy every condition, are the pass
 * {@code passId}'s credential. The rules a new policy must keep (one condition names the workload, the pass is of the
 * same project) are checked when it is made; this value only holds them. Immutable.
 */
public record TrustPolicy(TrustPolicyId id, ProjectId project, String issuer, TrustPolicyKeys keys, String audience,
                          List<ClaimCondition> conditions, Duration maxTokenAge, PassId passId,
                          Optional<String> description, Instant createdAt) {

    public TrustPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(audience, "audience");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The first condition the claims do not satisfy; empty when all hold. */
    public Optional<ClaimCondition> failedCondition(Map<String, ?> claims) {
        return conditions.stream().filter(condition -> !condition.matches(claims)).findFirst();
    }
}

package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import java.util.List;
import java.util.Optional;

/** The projects' trust policies for workload identity federation. Used inside a {@link StorageSession}. */
public interface TrustPolicies {

    /** Adds a policy; a taken id is a {@link dev.sentinel.core.domain.ConflictException}. */
    void add(TrustPolicy policy);

    Optional<TrustPolicy> find(TrustPolicyId id);

    /** The project's policies, oldest first. */
    List<TrustPolicy> listByProject(ProjectId project);

    /** Every project's policies that trust exactly {@code issuer}, oldest first: the lookup of every federated grant. */
    List<TrustPolicy> listByIssuer(String issuer);

    /** Replaces the stored policy of the same id; false when there is none. */
    boolean replace(TrustPolicy policy);

    /** Deletes the policy; false when there was none. */
    boolean delete(TrustPolicyId id);
}

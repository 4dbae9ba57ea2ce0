package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import dev.sentinel.core.port.out.TrustPolicies;
import java.util.List;
import java.util.Optional;

final class InMemoryTrustPolicies implements TrustPolicies {

    private final InMemoryState state;

    InMemoryTrustPolicies(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(TrustPolicy policy) {
        if (state.trustPolicies.containsKey(policy.id())) {
            throw new ConflictException("id", "trust policy " + policy.id() + " exists");
        }
        state.trustPolicies.put(policy.id(), policy);
    }

    @Override
    public Optional<TrustPolicy> find(TrustPolicyId id) {
        return Optional.ofNullable(state.trustPolicies.get(id));
    }

    @Override
    public List<TrustPolicy> listByProject(ProjectId project) {
        return state.trustPolicies.values().stream().filter(policy -> policy.project().equals(project)).toList();
    }

    @Override
    public List<TrustPolicy> listByIssuer(String issuer) {
        return state.trustPolicies.values().stream().filter(policy -> policy.issuer().equals(issuer)).toList();
    }

    @Override
    public boolean replace(TrustPolicy policy) {
        return state.trustPolicies.replace(policy.id(), policy) != null;
    }

    @Override
    public boolean delete(TrustPolicyId id) {
        return state.trustPolicies.remove(id) != null;
    }
}

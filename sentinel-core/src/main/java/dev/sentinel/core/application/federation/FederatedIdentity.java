package dev.sentinel.core.application.federation;

import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.federation.TrustPolicy;
import java.util.Objects;

/** A workload's token accepted by a trust policy: the pass it stands for, the policy, and who the workload is. */
public record FederatedIdentity(SentinelPass pass, TrustPolicy policy, String issuer, String subject) {

    public FederatedIdentity {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
    }
}

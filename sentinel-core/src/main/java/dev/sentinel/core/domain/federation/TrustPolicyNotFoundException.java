package dev.sentinel.core.domain.federation;

import dev.sentinel.core.domain.SentinelException;

/** No trust policy has the given id, or it is in a project outside the caller's projects. */
public final class TrustPolicyNotFoundException extends SentinelException {

    public TrustPolicyNotFoundException(String id) {
        super("no trust policy " + id);
    }
}

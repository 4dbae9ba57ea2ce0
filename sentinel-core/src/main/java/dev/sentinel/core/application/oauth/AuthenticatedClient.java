package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.SentinelPass;
import java.util.Map;
import java.util.Objects;

/**
 * A client that has just authenticated: its pass, the credential it proved (its tokens carry the credential), and
 * what the grant's evidence should add about how it authenticated — for a federated client assertion the workload's
 * issuer, subject and trust policy; nothing for a secret or the pass's own key.
 */
public record AuthenticatedClient(SentinelPass pass, Credential credential, Map<String, String> evidence) {

    public AuthenticatedClient {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(credential, "credential");
        evidence = Map.copyOf(evidence);
    }

    /** A client that proved its pass's own credential: nothing to add to the evidence. */
    public AuthenticatedClient(SentinelPass pass, Credential credential) {
        this(pass, credential, Map.of());
    }
}

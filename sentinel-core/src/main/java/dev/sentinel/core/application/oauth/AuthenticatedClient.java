package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.SentinelPass;
import java.util.Objects;

/** A client that has just authenticated: its pass, and the credential it proved (its tokens carry the credential). */
public record AuthenticatedClient(SentinelPass pass, Credential credential) {

    public AuthenticatedClient {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(credential, "credential");
    }
}

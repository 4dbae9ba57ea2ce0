package dev.sentinel.core.application;

import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.SentinelPass;

/** The result of a create: the stored pass and the credentials, which are never available again. */
public record CreatedPass(SentinelPass pass, IssuedCredentials credentials) {

    @Override
    public String toString() {
        return "CreatedPass[pass=" + pass.passId() + ", credentials=" + credentials + "]";
    }
}

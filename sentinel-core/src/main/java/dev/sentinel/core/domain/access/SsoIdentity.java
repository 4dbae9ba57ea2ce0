package dev.sentinel.core.domain.access;

import java.time.Instant;
import java.util.Objects;

/**
 * The link from an OpenID provider's subject to an account: the provider's {@code iss} and {@code sub} identify the
 * person, so an email changed at the provider cannot reach another account. One (issuer, subject) links to at most one
 * account. Immutable.
 */
public record SsoIdentity(String issuer, String subject, AccountId account, Instant linkedAt) {

    public SsoIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(linkedAt, "linkedAt");
        if (issuer.isBlank() || issuer.length() > 2000 || subject.isBlank() || subject.length() > 255) {
            throw new IllegalArgumentException("an SSO identity has an issuer of 1-2000 and a subject of 1-255 characters");
        }
    }
}

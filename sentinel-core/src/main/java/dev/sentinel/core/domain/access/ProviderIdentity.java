package dev.sentinel.core.domain.access;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an OpenID provider says signed in, from an ID token whose signature, issuer, audience, expiry and nonce were
 * verified: its {@code iss} and {@code sub} (the identity), the {@code email} it names and whether it says that address
 * is verified ({@code email_verified: true}), and the values of the groups claim when one is configured (empty: not
 * configured; an empty list: configured but the token carries no such value). Immutable.
 */
public record ProviderIdentity(String issuer, String subject, Optional<Email> email, boolean emailVerified,
                               Optional<List<String>> groups) {

    public ProviderIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(email, "email");
        groups = Objects.requireNonNull(groups, "groups").map(List::copyOf);
        if (issuer.isBlank() || issuer.length() > 2000 || subject.isBlank() || subject.length() > 255) {
            throw new IllegalArgumentException("a provider identity has an issuer of 1-2000 and a subject of 1-255 characters");
        }
    }

    /** The email, only when the provider says it verified it. */
    public Optional<Email> verifiedEmail() {
        return emailVerified ? email : Optional.empty();
    }
}

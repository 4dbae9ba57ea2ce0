package dev.sentinel.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The credentials an agent user may authenticate with: the current one, plus at most one previous credential that
 * keeps working until the end of a rotation grace period. Newest first.
 */
public record CredentialSet(List<Credential> credentials) {

    public static final int MAX_SIZE = 2;

    public CredentialSet {
        Objects.requireNonNull(credentials, "credentials");
        credentials = List.copyOf(credentials);
        if (credentials.isEmpty() || credentials.size() > MAX_SIZE) {
            throw new IllegalArgumentException("a credential set holds 1 to " + MAX_SIZE + " credentials");
        }
        if (credentials.get(0).notAfter().isPresent()) {
            throw new IllegalArgumentException("the current credential has no end");
        }
    }

    public static CredentialSet of(Credential current) {
        return new CredentialSet(List.of(current));
    }

    public Credential current() {
        return credentials.get(0);
    }

    /**
     * The set after a rotation: the new credential first; with a positive grace, the old current credential keeps
     * working until {@code now + grace}. Any older credential is dropped at once.
     */
    public CredentialSet rotate(Credential replacement, Instant now, Duration grace) {
        List<Credential> next = new ArrayList<>(MAX_SIZE);
        next.add(replacement);
        if (!grace.isZero() && !grace.isNegative()) {
            next.add(current().expiringAt(now.plus(grace)));
        }
        return new CredentialSet(next);
    }

    /** The credential named {@code id} (see {@link Credential#id()}), if it is still in the set and usable at {@code now}. */
    public java.util.Optional<Credential> usable(String id, Instant now) {
        return credentials.stream().filter(credential -> credential.usableAt(now) && credential.id().equals(id)).findFirst();
    }

    /** The credentials still usable at {@code now}. */
    public List<Credential> usableAt(Instant now) {
        return credentials.stream().filter(credential -> credential.usableAt(now)).toList();
    }
}

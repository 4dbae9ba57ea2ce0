package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.SentinelException;

/** No account has the given email or id. */
public final class AccountNotFoundException extends SentinelException {

    public AccountNotFoundException(String which) {
        super("no account " + which);
    }
}

package dev.sentinel.core.adapter.crypto;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.port.out.CredentialHasher;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs a costly hasher at most {@code permits} calls at once; further callers wait in arrival order. Argon2id takes
 * tens of milliseconds and 19 MiB per call: unbounded, forty concurrent wrong secrets made every grant wait seconds
 * and could exhaust the heap. Bounded, a call costs its own time plus the queue ahead of it, and the queue of one
 * address is kept short by the failure throttle in front of it. Thread-safe.
 */
final class BoundedCredentialHasher implements CredentialHasher {

    private final CredentialHasher delegate;
    private final Semaphore permits;

    BoundedCredentialHasher(CredentialHasher delegate, int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.delegate = delegate;
        this.permits = new Semaphore(permits, true);
    }

    @Override
    public String algorithm() {
        return delegate.algorithm();
    }

    @Override
    public String hash(ClientSecret secret) {
        return bounded(() -> delegate.hash(secret));
    }

    @Override
    public boolean verify(ClientSecret secret, String encodedHash) {
        return bounded(() -> delegate.verify(secret, encodedHash));
    }

    @Override
    public String hashPassword(char[] password) {
        return bounded(() -> delegate.hashPassword(password));
    }

    @Override
    public boolean verifyPassword(char[] password, String encodedHash) {
        return bounded(() -> delegate.verifyPassword(password, encodedHash));
    }

    private <T> T bounded(Supplier<T> work) {
        permits.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}

package dev.sentinel.core;

import dev.sentinel.core.port.out.Storage;

/**
 * The store behind a {@link Sentinel}, for tests that look at what the use cases wrote. Applications never need it:
 * they chose the store, and the use cases are how they reach it.
 */
public final class SentinelStorage {

    private SentinelStorage() {
    }

    public static Storage of(Sentinel sentinel) {
        return sentinel.storage();
    }
}

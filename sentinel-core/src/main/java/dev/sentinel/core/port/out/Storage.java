package dev.sentinel.core.port.out;

import java.util.function.Function;

/**
 * The way into every store. Work runs in one transaction: when it throws, nothing it wrote remains.
 * Implementations are thread-safe.
 */
public interface Storage {

    /** Runs the work in one transaction and commits it when it returns normally. */
    <T> T inTransaction(Function<StorageSession, T> work);

    /** Runs read-only work; implementations may skip transaction overhead. */
    default <T> T read(Function<StorageSession, T> work) {
        return inTransaction(work);
    }

    /** Whether the store answers now (for readiness checks). */
    default boolean isReachable() {
        return true;
    }
}

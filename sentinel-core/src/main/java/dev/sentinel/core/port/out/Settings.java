package dev.sentinel.core.port.out;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Small named values every node shares, such as the hash of the generated admin token. Never holds plaintext
 * secrets. Used inside a {@link StorageSession}.
 */
public interface Settings {

    Optional<String> get(String name);

    /** Stores the value unless the name is set already; returns whether it was stored (first writer wins). */
    boolean putIfAbsent(String name, String value);

    /** Stores or replaces the value. */
    void put(String name, String value);

    /** Every setting whose name starts with {@code prefix} (taken literally, wildcards included), ordered by name. */
    SortedMap<String, String> withPrefix(String prefix);

    /** Removes the setting; false when there was none. */
    boolean delete(String name);
}

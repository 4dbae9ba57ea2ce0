package dev.sentinel.core.port.in;

import java.util.Objects;

/** Who performs an administrative action, as written to the audit trail (e.g. {@code cli}, {@code admin-api}). */
public record Actor(String name) {

    public static final Actor LIBRARY = new Actor("library");

    public Actor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an actor has a name of 1-200 characters");
        }
    }
}

package dev.sentinel.resource.guard;

import java.util.Optional;

/** How a guard decides about one bearer token, before any permission is required: locally or remotely. Thread-safe. */
@FunctionalInterface
interface TokenCheck {

    /** The decision on {@code token} used by a client at {@code clientAddress} (empty when unknown). */
    GuardDecision check(String token, Optional<String> clientAddress);
}

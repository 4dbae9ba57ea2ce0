package dev.sentinel.http.guard;

/** How a guard decides about one bearer token, before any permission is required: locally or remotely. Thread-safe. */
@FunctionalInterface
interface TokenCheck {

    GuardDecision check(String token);
}

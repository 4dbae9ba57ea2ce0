package dev.sentinel.core.domain;

/** An idempotency key sent again with a different request body: the request is refused, nothing is stored. */
public final class IdempotencyKeyReusedException extends SentinelException {

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}

package dev.sentinel.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What an ingest batch sent with an {@code Idempotency-Key} left behind: who sent it ({@code scope}, a name for the
 * calling credential), the key, a digest of the body, how many events it stored and when.
 */
public record IngestReceipt(String scope, String key, String bodyDigest, int accepted, Instant createdAt) {

    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 255;

    public IngestReceipt {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bodyDigest, "bodyDigest");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

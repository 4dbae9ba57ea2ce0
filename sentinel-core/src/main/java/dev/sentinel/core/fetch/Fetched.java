package dev.sentinel.core.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A body fetched with status 200, and how long its sender says it may be cached (the {@code max-age} of its
 * {@code Cache-Control}; zero for {@code no-cache} or {@code no-store}; empty when it says nothing).
 */
public record Fetched(URI uri, byte[] body, Optional<Duration> maxAge) {

    public Fetched {
        Objects.requireNonNull(uri, "uri");
        body = body.clone();
        Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

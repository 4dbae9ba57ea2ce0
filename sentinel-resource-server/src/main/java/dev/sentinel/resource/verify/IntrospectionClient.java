package dev.sentinel.resource.verify;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.sentinel.core.fetch.FetchException;
import dev.sentinel.core.fetch.TrustedFetcher;
import dev.sentinel.core.jose.JoseJson;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Asks the issuer's introspection endpoint (RFC 7662) whether a token is still active, authenticating with
 * {@code client_secret_basic} as a pass that holds {@code sentinel:introspect}. Answers are remembered for the cache
 * time, so a revocation is seen within that time; a failure (network, timeout, 429, 5xx, refused credentials) is never
 * remembered and makes the token fail closed. Thread-safe.
 */
final class IntrospectionClient {

    /** What the issuer said: active or not, or that it could not say. */
    record Answer(boolean active, Optional<String> unavailable) {
    }

    private final Supplier<URI> endpoint;
    private final TrustedFetcher fetcher;
    private final String authorization;
    private final Cache<String, Boolean> answers;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    IntrospectionClient(Supplier<URI> endpoint, TrustedFetcher fetcher, String clientId, String clientSecret, Duration cacheTime) {
        this.endpoint = endpoint;
        this.fetcher = fetcher;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.answers = CacheBuilder.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTime).build();
    }

    Answer ask(String token) {
        Boolean known = answers.getIfPresent(token);
        if (known != null) {
            return new Answer(known, Optional.empty());
        }
        requests.incrementAndGet();
        try {
            Map<String, Object> reply = JoseJson.read(fetcher.postForm(endpoint.get(),
                    "token=" + encode(token) + "&token_type_hint=access_token", Map.of("Authorization", authorization))
                    .body());
            if (!(reply.get("active") instanceof Boolean active)) {
                failures.incrementAndGet();
                return new Answer(false, Optional.of("the introspection answer has no boolean active member"));
            }
            answers.put(token, active);
            return new Answer(active, Optional.empty());
        } catch (FetchException failed) {
            failures.incrementAndGet();
            return new Answer(false, Optional.of("introspection is unavailable: " + failed.reason()));
        } catch (IllegalStateException | IllegalArgumentException failure) {
            failures.incrementAndGet();
            return new Answer(false, Optional.of("introspection is unavailable: " + failure.getMessage()));
        }
    }

    long requests() {
        return requests.get();
    }

    long failures() {
        return failures.get();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "IntrospectionClient[credentials hidden]";
    }
}

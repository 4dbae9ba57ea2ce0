package dev.sentinel.http;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** A real server on a free port over in-memory storage, a movable clock and a real HTTP client. */
final class ServerFixture implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final InMemoryStorage storage = new InMemoryStorage();
    final Sentinel sentinel;
    final SentinelServer server;
    final HttpClient http = HttpClient.newHttpClient();

    ServerFixture() {
        this(builder -> builder);
    }

    ServerFixture(UnaryOperator<TestServer.Builder> settings) {
        this(dev.sentinel.core.adapter.crypto.CredentialHashers.named("sha256"), settings);
    }

    /** A server whose passes are hashed (and checked) with {@code hasher}. */
    ServerFixture(dev.sentinel.core.port.out.CredentialHasher hasher, UnaryOperator<TestServer.Builder> settings) {
        sentinel = Sentinel.builder().storage(storage).clock(clock).hasher(hasher).build();
        server = settings.apply(TestServer.builder(sentinel).port(0).adminToken(ADMIN_TOKEN).stopTimeout(java.time.Duration.ZERO)).build().start();
    }

    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    CreatedPass createPass() {
        return createPass(builder -> builder);
    }

    CreatedPass createPass(UnaryOperator<CreatePassCommand.Builder> settings) {
        return sentinel.passes().create(settings.apply(CreatePassCommand.builder("demo")
                .agentName("Test Agent").agentType("Sourcing Agent")).build());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postForm(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** The pass's recorded activity, after the server wrote what it buffered (waits up to 5 s). */
    List<ActivityEvent> activity(dev.sentinel.core.domain.PassId passId, int atLeast) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<ActivityEvent> events;
        do {
            events = storage.read(session -> session.activity()
                    .find(ActivityFilter.all(passId), new PageRequest(1, 100)).items());
            if (events.size() >= atLeast) {
                return events;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return events;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

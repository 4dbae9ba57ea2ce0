package dev.sentinel.http.metrics;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into the {@code http_server_requests_seconds} histogram, labelled with the method, the route
 * <em>template</em> that matched ({@code /api/v1/passes/{passId}}, never the raw path, which would make a series per
 * pass), the status and its class. Requests that matched no route are {@code NOT_FOUND} (404), {@code STATIC} (the
 * dashboard's files and the webjars) or {@code UNMATCHED} (refused before routing, e.g. a body over the limit).
 * Thread-safe.
 */
public final class RequestTiming {

    static final String NOT_FOUND = "NOT_FOUND";
    static final String STATIC = "STATIC";
    static final String UNMATCHED = "UNMATCHED";
    private static final String STARTED = "sentinel.metrics.started";
    /** Prometheus's classic buckets with 1 and 2.5 ms added: a grant takes well under a millisecond. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    /** One timer per method, route template and status: a bounded set, looked up without building meter ids. */
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** Methods labelled as they are; any other (a client may send any token) is {@code OTHER}, to keep labels bounded. */
    private static final Set<HandlerType> KNOWN_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
            HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS, HandlerType.TRACE,
            HandlerType.CONNECT, HandlerType.QUERY);

    private record Key(String method, String uri, int status) {
    }

    RequestTiming(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The before-handler: notes when the request started. */
    public void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** The after-handler: records the request's time under its route template. */
    public void stop(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        long elapsed = System.nanoTime() - started;
        int status = ctx.statusCode();
        HandlerType method = ctx.method();
        Key key = new Key(KNOWN_METHODS.contains(method) ? method.name() : "OTHER", uri(ctx, status), status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::timer);
        }
        timer.record(elapsed, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests").description("HTTP requests by method, route template and status")
                .tag("method", key.method()).tag("uri", key.uri()).tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status())).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private static String uri(Context ctx, int status) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path.replace('<', '{').replace('>', '}');
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return status < 400 ? STATIC : UNMATCHED;
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}

package dev.sentinel.http.metrics;

import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.application.throttle.AuthThrottle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one server, in one Prometheus registry: the activity writer's counters, token grants by coarse result,
 * introspections, revocations, throttled attempts, request timings per route template (see {@link RequestTiming}) and
 * JVM and process metrics. Every labelled counter is registered up front, so each series is there from the first
 * scrape, at zero; counting is a lock-free add. Thread-safe.
 */
public final class ServerMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final RecorderStats NO_STATS = new RecorderStats(0, 0, 0, 0, 0, 0);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Held here because meters hold what they read only weakly: a method reference alone would be collected. */
    private final Supplier<Optional<RecorderStats>> activity;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter[] grants = new Counter[GrantResult.values().length];
    private final Counter[] revocations = new Counter[GrantResult.values().length];
    private final Counter introspectionsActive;
    private final Counter introspectionsInactive;
    private final RequestTiming requests;

    /**
     * @param activity the built-in activity buffer's counters (empty with a custom recorder: all zero)
     * @param throttle whose refusals are counted
     */
    public ServerMetrics(Supplier<Optional<RecorderStats>> activity, AuthThrottle throttle) {
        this.activity = activity;
        bindActivity(activity);
        for (GrantResult result : GrantResult.values()) {
            grants[result.ordinal()] = Counter.builder("sentinel.token.grants").tag("result", result.label())
                    .description("Client credentials grants at /oauth/token by result; invalid_client covers every "
                            + "failed client authentication alike").register(registry);
            if (result.revocation()) {
                revocations[result.ordinal()] = Counter.builder("sentinel.token.revocations")
                        .tag("result", result.label()).description("Revocation requests at /oauth/revoke by result")
                        .register(registry);
            }
        }
        introspectionsActive = introspections("true");
        introspectionsInactive = introspections("false");
        FunctionCounter.builder("sentinel.auth.throttled", throttle, AuthThrottle::refusedClients)
                .tag("credential", "client").description("Attempts refused with 429 before any secret was checked")
                .register(registry);
        FunctionCounter.builder("sentinel.auth.throttled", throttle, AuthThrottle::refusedTokens)
                .tag("credential", "token").description("Attempts refused with 429 before any secret was checked")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        requests = new RequestTiming(registry);
    }

    private void bindActivity(Supplier<Optional<RecorderStats>> activity) {
        Gauge.builder("sentinel.activity.queued", activity, stats(RecorderStats::queued))
                .description("Activity events waiting in the buffer to be written.").register(registry);
        activityCounter(activity, "accepted", "Activity events accepted into the buffer.", RecorderStats::accepted);
        activityCounter(activity, "written", "Activity events written to the store.", RecorderStats::written);
        activityCounter(activity, "rejected", "Activity events refused because the buffer was full or closing.",
                RecorderStats::rejected);
        activityCounter(activity, "failed.writes", "Batch writes that failed and were retried.",
                RecorderStats::failedWrites);
        activityCounter(activity, "lost", "Activity events that could not be written before shutdown.",
                RecorderStats::lost);
    }

    private void activityCounter(Supplier<Optional<RecorderStats>> activity, String name, String help,
                                 ToDoubleFunction<RecorderStats> value) {
        FunctionCounter.builder("sentinel.activity." + name, activity, stats(value)).description(help).register(registry);
    }

    private static ToDoubleFunction<Supplier<Optional<RecorderStats>>> stats(ToDoubleFunction<RecorderStats> value) {
        return activity -> value.applyAsDouble(activity.get().orElse(NO_STATS));
    }

    private Counter introspections(String active) {
        return Counter.builder("sentinel.introspections").tag("active", active)
                .description("Introspection requests answered at /oauth/introspect, by the answer's active member")
                .register(registry);
    }

    /** Counts one grant request that ended with {@code result}. */
    public void grant(GrantResult result) {
        grants[result.ordinal()].increment();
    }

    /** Counts one answered introspection. */
    public void introspection(boolean active) {
        (active ? introspectionsActive : introspectionsInactive).increment();
    }

    /** Counts one revocation request that ended with {@code result}; results a revocation cannot have are ignored. */
    public void revocation(GrantResult result) {
        Counter counter = revocations[result.ordinal()];
        if (counter != null) {
            counter.increment();
        }
    }

    /** The before- and after-handlers that time every request per route template. */
    public RequestTiming requests() {
        return requests;
    }

    /** The registry, for an embedder's own meters: what it registers is served at {@code /metrics} too. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening to garbage collections. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

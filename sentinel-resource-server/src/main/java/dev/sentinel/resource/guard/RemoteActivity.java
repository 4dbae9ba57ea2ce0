package dev.sentinel.resource.guard;

import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.wire.ActivityJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends a guard's activity to a Sentinel server's ingest API ({@code POST /api/v1/activity}) with an ingest token:
 * events wait in a bounded buffer (recording never blocks a request; what does not fit is refused and counted), and
 * a background thread posts them in batches of at most {@value #BATCH_SIZE}. A failed post is retried with back-off
 * under the same {@code Idempotency-Key}, so a batch whose reply was lost is stored once. Thread-safe.
 */
final class RemoteActivity implements Consumer<List<ActivityEvent>> {

    /** The ingest API's own limit per request. */
    static final int BATCH_SIZE = 1_000;
    static final int CAPACITY = 20_000;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long {@code close()} keeps trying to send what is buffered; what is left then is counted as lost. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final URI ingest;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    /** The batch last tried and its key, reused while the recorder retries that very batch. */
    private List<ActivityEvent> lastBatch;
    private String lastKey;

    private RemoteActivity(URI sentinel, String ingestToken, Duration timeout) {
        String base = sentinel.toString();
        this.ingest = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/activity");
        this.authorization = "Bearer " + ingestToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A started recorder posting to the server at {@code sentinel} (its base URL) with {@code ingestToken}. */
    static BatchingActivityRecorder recorder(URI sentinel, String ingestToken, Duration timeout) {
        return recorder(sentinel, ingestToken, timeout, SHUTDOWN_TIMEOUT);
    }

    /** As above, giving up on unsent events {@code shutdownTimeout} after {@code close()}. */
    static BatchingActivityRecorder recorder(URI sentinel, String ingestToken, Duration timeout, Duration shutdownTimeout) {
        Objects.requireNonNull(sentinel, "sentinel");
        if (ingestToken == null || ingestToken.isBlank()) {
            throw new IllegalArgumentException("the ingest token must not be blank");
        }
        return BatchingActivityRecorder.writingTo(new RemoteActivity(sentinel, ingestToken, timeout))
                .batchSize(BATCH_SIZE).capacity(CAPACITY).flushInterval(FLUSH_INTERVAL).shutdownTimeout(shutdownTimeout)
                .start();
    }

    /** Posts one batch; throws when it was not stored, so the recorder retries it. Called by one thread at a time. */
    @Override
    public void accept(List<ActivityEvent> batch) {
        if (batch != lastBatch) {
            lastBatch = batch;
            lastKey = "guard-" + UUID.randomUUID();
        }
        HttpRequest request = HttpRequest.newBuilder(ingest).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("Idempotency-Key", lastKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JoseJson.writeArray(batch.stream().map(ActivityJson::event).toList())))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException("posting activity to " + ingest + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("posting activity to " + ingest + " was interrupted");
        }
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new IllegalStateException("the ingest API at " + ingest + " answered " + response.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) : body));
        }
    }

    @Override
    public String toString() {
        return "RemoteActivity[" + ingest + ", token hidden]";
    }
}

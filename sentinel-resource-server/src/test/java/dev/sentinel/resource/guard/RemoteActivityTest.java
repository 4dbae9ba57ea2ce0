package dev.sentinel.resource.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sentinel.core.application.recording.BatchingActivityRecorder;
import dev.sentinel.core.application.recording.RecorderStats;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote guard's activity sender against a stand-in ingest API on loopback. */
class RemoteActivityTest {

    private static final String TOKEN = "remote-activity-ingest-token-0123456789";

    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer ingest;

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.stop(0);
        }
    }

    @Test
    void retriesAFailedBatchUnderTheSameIdempotencyKeyWithTheIngestToken() throws Exception {
        startIngest();
        failuresLeft.set(1);
        BatchingActivityRecorder recorder = RemoteActivity.recorder(uri(), TOKEN, Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            recorder.record(event(i));
        }
        assertThat(recorder.flush(Duration.ofSeconds(20))).isTrue();
        recorder.close();

        assertThat(keys).hasSize(2);
        assertThat(keys.get(1)).as("the retry repeats the key").isEqualTo(keys.get(0)).startsWith("guard-");
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
        assertThat(bodies.get(0)).contains("\"endpoint\":\"/v1/orders/0\"", "\"endpoint\":\"/v1/orders/2\"")
                .contains("\"pass_id\":\"SP-2026-ABC123\"");
        assertThat(authorizations).containsOnly("Bearer " + TOKEN);
        RecorderStats stats = recorder.stats();
        assertThat(stats.written()).isEqualTo(3);
        assertThat(stats.failedWrites()).isEqualTo(1);
    }

    @Test
    void aNewBatchGetsANewKey() throws Exception {
        startIngest();
        BatchingActivityRecorder recorder = RemoteActivity.recorder(uri(), TOKEN, Duration.ofSeconds(5));

        recorder.record(event(1));
        assertThat(recorder.flush(Duration.ofSeconds(20))).isTrue();
        recorder.record(event(2));
        assertThat(recorder.flush(Duration.ofSeconds(20))).isTrue();
        recorder.close();

        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void whenSentinelIsDownRecordingNeitherBlocksNorLosesCountAndTheOverflowIsRefusedAndCounted() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        BatchingActivityRecorder recorder = RemoteActivity.recorder(URI.create("http://127.0.0.1:" + closed),
                TOKEN, Duration.ofSeconds(1), Duration.ZERO);
        int offered = RemoteActivity.CAPACITY + 3 * RemoteActivity.BATCH_SIZE;

        for (int i = 0; i < offered; i++) {
            recorder.record(event(i));
        }
        RecorderStats before = recorder.stats();
        recorder.close();

        assertThat(before.rejected()).as("what did not fit is refused and counted").isPositive();
        assertThat(before.accepted() + before.rejected()).isEqualTo(offered);
        assertThat(before.written()).isZero();
        assertThat(recorder.stats().lost()).as("unsent at shutdown is counted as lost").isEqualTo(before.accepted());
    }

    private void startIngest() throws IOException {
        ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext("/api/v1/activity", this::answer);
        ingest.start();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + ingest.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean fail = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        byte[] body = (fail ? "{\"title\":\"unavailable\"}" : "{\"accepted\":1}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ActivityEvent event(int index) {
        return new ActivityEvent(PassId.of("SP-2026-ABC123"), ActivityType.API_REQUEST, Instant.parse("2026-11-26T10:00:00Z"),
                "/v1/orders/" + index, "GET", true, 200, 3, Optional.of("127.0.0.1"), Optional.empty(), Optional.empty(), "{}");
    }
}

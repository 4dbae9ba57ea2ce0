package dev.sentinel.http.activity;

import dev.sentinel.http.TestServer;
import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.metrics.PrometheusText;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsAndRetentionTest {

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0)
            .adminToken("metrics-admin-token-0123456789abcdef").activityRetention(Duration.ofDays(7)).build().start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsCountWhatTheActivityWriterTookAndWrote() throws Exception {
        CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("A").agentType("b").build());
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            http.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
        awaitWritten(3);

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, PrometheusText.Family> families = PrometheusText.parse(metrics.body());
        assertThat(families.get("sentinel_activity_written_total").type()).isEqualTo("counter");
        assertThat(value(families, "sentinel_activity_written_total")).isEqualTo(3);
        assertThat(value(families, "sentinel_activity_accepted_total")).isEqualTo(3);
        assertThat(value(families, "sentinel_activity_rejected_total")).isZero();
        assertThat(value(families, "sentinel_activity_lost_total")).isZero();
        assertThat(families.get("sentinel_activity_queued").type()).isEqualTo("gauge");
    }

    @Test
    void retentionDeletesOldRawEventsButKeepsTheirRollups() {
        PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("A").agentType("b").build())
                .pass().passId();
        Instant now = Instant.now();
        new StoringActivityRecorder(SentinelStorage.of(sentinel)).recordAll(List.of(event(passId, now.minus(Duration.ofDays(8))),
                event(passId, now.minus(Duration.ofDays(6)))));

        assertThat(server.node().purgeOldActivity()).isEqualTo(1);

        long raw = SentinelStorage.of(sentinel).read(session -> session.activity().count(ActivityFilter.all(passId)));
        long rolledUp = SentinelStorage.of(sentinel).read(session -> session.usage().find(passId, Instant.EPOCH, now.plus(Duration.ofHours(1))))
                .stream().mapToLong(hour -> hour.total()).sum();
        assertThat(raw).isEqualTo(1);
        assertThat(rolledUp).isEqualTo(2);
    }

    private static double value(Map<String, PrometheusText.Family> families, String name) {
        return families.get(name).sample(name, Map.of()).value();
    }

    private static ActivityEvent event(PassId passId, Instant at) {
        return new ActivityEvent(passId, ActivityType.API_REQUEST, at, "/v1/x", "GET", true, 200, 5, Optional.empty(),
                Optional.empty(), Optional.empty(), "{}");
    }

    private void awaitWritten(long count) throws InterruptedException {
        for (int i = 0; i < 250 && server.node().activityStats().orElseThrow().written() < count; i++) {
            Thread.sleep(20);
        }
    }
}

package dev.sentinel.http;

import static dev.sentinel.http.ServerFixture.basic;
import static dev.sentinel.http.ServerFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.http.metrics.PrometheusText;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which client ids exist must not show in {@code /metrics}, open by default: two servers in the same state, one
 * answering failed grants for a known client id (its first failure of the minute written at once, the rest summed up
 * when the minute ends), the other the same number for an unknown one, then scraped. Every Sentinel counter and
 * gauge and every request count must be the same. (The JVM's and the process's own meters move by themselves and
 * are left out; the timing of the two paths is compared by {@code bench/enumeration.sh}.)
 */
class KnownAndUnknownClientIdsTest {

    private static final int FAILURES = 3;

    @Test
    void failedGrantsForAKnownAndAnUnknownClientIdLeaveTheSameMetrics() throws InterruptedException {
        try (ServerFixture known = new ServerFixture(); ServerFixture unknown = new ServerFixture()) {
            CreatedPass knownPass = prepare(known);
            prepare(unknown);
            String unknownId = CredentialGenerator.create().newClientId().value();

            for (int i = 0; i < FAILURES; i++) {
                failGrant(known, knownPass.credentials().clientId().value());
                failGrant(unknown, unknownId);
            }
            assertThat(known.activity(knownPass.pass().passId(), 2)).as("the first failure is evidence at once")
                    .hasSize(2);
            for (ServerFixture fixture : new ServerFixture[] {known, unknown}) {
                fixture.clock.advance(Duration.ofSeconds(61));
                fixture.server.node().flushFailedAttempts();
            }
            assertThat(known.activity(knownPass.pass().passId(), 3)).as("and the rest as one summary").hasSize(3);
            Thread.sleep(300); // whatever either writer still had to do

            assertThat(sentinelMeters(known)).isEqualTo(sentinelMeters(unknown));
        }
    }

    /** One pass with one granted token: both servers start the attack in the same state. */
    private static CreatedPass prepare(ServerFixture fixture) {
        CreatedPass pass = fixture.createPass();
        assertThat(fixture.postForm("/oauth/token", form(Map.of("grant_type", "client_credentials")), "Authorization",
                basic(pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal())).statusCode())
                .isEqualTo(200);
        return pass;
    }

    private static void failGrant(ServerFixture fixture, String clientId) {
        assertThat(fixture.postForm("/oauth/token", form(Map.of("grant_type", "client_credentials")), "Authorization",
                basic(clientId, CredentialGenerator.create().newSecret().reveal())).statusCode()).isEqualTo(401);
    }

    /** Every sample of the sentinel_ families and every request count, by name and labels. */
    private static Map<String, Double> sentinelMeters(ServerFixture fixture) {
        String text = fixture.send(HttpRequest.newBuilder(fixture.uri("/metrics")).build()).body();
        Map<String, Double> meters = new TreeMap<>();
        PrometheusText.parse(text).values().forEach(family -> family.samples().stream()
                .filter(sample -> sample.name().startsWith("sentinel_")
                        || sample.name().equals("http_server_requests_seconds_count"))
                .forEach(sample -> meters.put(sample.name() + new TreeMap<>(sample.labels()), sample.value())));
        assertThat(meters).containsKey("sentinel_activity_accepted_total{}");
        return meters;
    }
}

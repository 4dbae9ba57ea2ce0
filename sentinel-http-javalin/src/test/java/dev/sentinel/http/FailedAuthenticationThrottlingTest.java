package dev.sentinel.http;

import static dev.sentinel.http.ServerFixture.ADMIN_TOKEN;
import static dev.sentinel.http.ServerFixture.basic;
import static dev.sentinel.http.ServerFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attacks of a client that knows a client id (they are in every JWT): guessing its secret, guessing across client
 * ids, guessing the admin token, and flooding the pass's activity log. Real server, real sockets; the second and
 * third clients connect from 127.0.0.2 and 127.0.0.3.
 */
class FailedAuthenticationThrottlingTest {

    private static final Throttling SMALL = new Throttling(FailureLimit.parse("3/1m"), FailureLimit.parse("6/1m"),
            FailureLimit.parse("3/1m"));

    private static String wrongSecret() {
        return CredentialGenerator.create().newSecret().reveal();
    }

    private static HttpResponse<String> grant(ServerFixture fixture, String clientId, String secret) {
        return fixture.postForm("/oauth/token", form(Map.of("grant_type", "client_credentials")),
                "Authorization", basic(clientId, secret));
    }

    private static FromAddress.Reply grantFrom(String source, ServerFixture fixture, String clientId, String secret) {
        return FromAddress.post(source, fixture.uri("/oauth/token"), form(Map.of("grant_type", "client_credentials")),
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", basic(clientId, secret));
    }

    @Test
    void guessingOneClientsSecretIsRefusedWith429ButTheRightfulClientElsewhereIsNot() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            CreatedPass pass = fixture.createPass();
            String clientId = pass.credentials().clientId().value();
            String secret = pass.credentials().clientSecret().reveal();

            for (int i = 0; i < 3; i++) {
                assertThat(grant(fixture, clientId, wrongSecret()).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> throttled = grant(fixture, clientId, wrongSecret());
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(throttled.body()).contains("\"error\":\"temporarily_unavailable\"");
            long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L); // one more failure each 20 s at 3/1m

            // the right secret from the guessing address waits too: the guess is not answered early
            assertThat(grant(fixture, clientId, secret).statusCode()).isEqualTo(429);
            // the rightful client on another address is not locked out
            FromAddress.Reply rightful = grantFrom("127.0.0.2", fixture, clientId, secret);
            assertThat(rightful.status()).isEqualTo(200);
            assertThat(rightful.body()).contains("access_token");
            // and other clients on the guessing address are not refused (3 failures < 6 per address)
            CreatedPass other = fixture.createPass();
            assertThat(grant(fixture, other.credentials().clientId().value(), other.credentials().clientSecret().reveal())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void guessingAcrossClientIdsIsLimitedPerAddress() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            CreatedPass pass = fixture.createPass();
            for (int i = 0; i < 6; i++) {
                String unknown = CredentialGenerator.create().newClientId().value();
                assertThat(grant(fixture, unknown, wrongSecret()).statusCode()).isEqualTo(401);
            }

            assertThat(grant(fixture, pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal())
                    .statusCode()).isEqualTo(429);
            assertThat(grantFrom("127.0.0.3", fixture, pass.credentials().clientId().value(),
                    pass.credentials().clientSecret().reveal()).status()).isEqualTo(200);
        }
    }

    @Test
    void introspectionAndRevocationCountFailuresOfTheSameClient() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            CreatedPass pass = fixture.createPass();
            String clientId = pass.credentials().clientId().value();
            for (int i = 0; i < 2; i++) {
                assertThat(fixture.postForm("/oauth/introspect", form(Map.of("token", "x")), "Authorization",
                        basic(clientId, wrongSecret())).statusCode()).isEqualTo(401);
            }
            assertThat(fixture.postForm("/oauth/revoke", form(Map.of("token", "x", "client_id", clientId,
                    "client_secret", wrongSecret()))).statusCode()).isEqualTo(401);

            HttpResponse<String> throttled = fixture.postForm("/oauth/revoke", form(Map.of("token", "x")),
                    "Authorization", basic(clientId, wrongSecret()));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void guessingTheAdminTokenIsRefusedWith429InTheProblemShape() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            for (int i = 0; i < 2; i++) {
                assertThat(fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/projects/demo/passes"))
                        .header("Authorization", "Bearer wrong-token-" + i).build()).statusCode()).isEqualTo(401);
            }
            // a wrong admin token at introspection counts in the same bucket
            assertThat(fixture.postForm("/oauth/introspect", form(Map.of("token", "x")), "Authorization",
                    "Bearer wrong-token-x").statusCode()).isEqualTo(401);

            HttpResponse<String> throttled = fixture.send(fixture.admin("/api/v1/projects/demo/passes").build());
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(fixture.postForm("/oauth/introspect", form(Map.of("token", "x")), "Authorization",
                    "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(429);

            assertThat(FromAddress.get("127.0.0.2", fixture.uri("/api/v1/projects/demo/passes"), "Authorization",
                    "Bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void eachThrottlingEpisodeLeavesOneAuditEntry() throws InterruptedException {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            CreatedPass pass = fixture.createPass();
            String clientId = pass.credentials().clientId().value();
            for (int i = 0; i < 20; i++) {
                grant(fixture, clientId, wrongSecret());
            }

            List<AuditEntry> entries = throttledEntries(fixture, 1);
            Thread.sleep(200); // any second entry would be queued by now
            entries = throttledEntries(fixture, 1);
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo(SecurityAudit.ACTOR);
                assertThat(entry.passId()).contains(pass.pass().passId().value());
                assertThat(entry.detail()).contains(clientId).contains("127.0.0.1").contains("3/1m")
                        .doesNotContain(pass.credentials().clientSecret().reveal());
            });
        }
    }

    private static List<AuditEntry> throttledEntries(ServerFixture fixture, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<AuditEntry> entries;
        do {
            entries = fixture.storage.read(session -> session.audit().recent(100)).stream()
                    .filter(entry -> entry.action().equals("throttled")).toList();
            if (entries.size() >= atLeast) {
                break;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return entries;
    }

    @Test
    void aFloodOfFailuresIsEvidencedInTwoEventsWhileRollupsCountEveryAttempt() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(Throttling.OFF))) {
            CreatedPass pass = fixture.createPass();
            String clientId = pass.credentials().clientId().value();
            String secret = pass.credentials().clientSecret().reveal();
            String malformed = secret.substring(0, secret.length() - 1) + (secret.endsWith("x") ? "y" : "x");

            assertThat(grant(fixture, clientId, malformed).statusCode()).isEqualTo(401);
            for (int i = 0; i < 199; i++) {
                fixture.postForm("/oauth/token", form(Map.of("grant_type", "client_credentials")), "Authorization",
                        basic(clientId, wrongSecret()), "User-Agent", "guesser/" + i);
            }
            List<ActivityEvent> first = fixture.activity(pass.pass().passId(), 1);
            assertThat(first).singleElement().satisfies(event -> {
                assertThat(event.errorMessage()).hasValueSatisfying(message -> assertThat(message).startsWith("malformed_secret"));
                assertThat(event.statusCode()).isEqualTo(401);
            });

            fixture.clock.advance(Duration.ofSeconds(61));
            fixture.server.node().flushFailedAttempts();

            List<ActivityEvent> events = fixture.activity(pass.pass().passId(), 2);
            assertThat(events).hasSize(2);
            ActivityEvent summary = events.get(0);
            assertThat(summary.attempts()).isEqualTo(199);
            assertThat(summary.userAgent()).contains("guesser/198");
            assertThat(summary.errorMessage()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("199 more failed attempts since").contains("secret_mismatch"));
            List<HourlyUsage> rollups = fixture.storage.read(session -> session.usage()
                    .find(pass.pass().passId(), ServerFixture.START.minusSeconds(3600), ServerFixture.START.plusSeconds(7200)));
            assertThat(rollups.stream().mapToLong(HourlyUsage::total).sum()).isEqualTo(200);
            assertThat(rollups.stream().mapToLong(HourlyUsage::errors).sum()).isEqualTo(200);
        }
    }
}

package dev.sentinel.http;

import static dev.sentinel.http.ServerFixture.basic;
import static dev.sentinel.http.ServerFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.domain.CredentialGenerator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The attack review's throttle findings, performed on a real server with a real client: a sender guessing client ids
 * behind an address rightful clients share, a hundred concurrent wrong secrets against Argon2id, and guesses spread
 * over the addresses of one IPv6 network (named by a trusted proxy).
 */
class ThrottleAttacksTest {

    private static HttpResponse<String> grant(ServerFixture fixture, String clientId, String secret, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", basic(clientId, secret)));
        all.addAll(List.of(headers));
        return fixture.postForm("/oauth/token", form(Map.of("grant_type", "client_credentials")),
                all.toArray(String[]::new));
    }

    private static HttpResponse<String> grant(ServerFixture fixture, CreatedPass pass, String... headers) {
        return grant(fixture, pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal(), headers);
    }

    private static String unknownId() {
        return CredentialGenerator.create().newClientId().value();
    }

    private static String wrongSecret() {
        return CredentialGenerator.create().newSecret().reveal();
    }

    @Test
    void rightfulClientsBehindASharedAddressKeepGettingTokensWhileAnotherSenderThereGuesses() {
        try (ServerFixture fixture = new ServerFixture()) {
            List<CreatedPass> rightful = List.of(fixture.createPass(), fixture.createPass(), fixture.createPass());
            rightful.forEach(pass -> assertThat(grant(fixture, pass).statusCode()).isEqualTo(200));

            for (int i = 0; i < 50; i++) {
                assertThat(grant(fixture, unknownId(), wrongSecret()).statusCode()).isEqualTo(401);
            }

            rightful.forEach(pass -> assertThat(grant(fixture, pass).statusCode())
                    .as("authenticated from this address before").isEqualTo(200));
            assertThat(grant(fixture, unknownId(), wrongSecret()).statusCode()).as("a fresh unknown pair")
                    .isEqualTo(429);
            assertThat(grant(fixture, fixture.createPass()).statusCode()).as("a pass never used from here yet")
                    .isEqualTo(429);
        }
    }

    @Test
    void aHundredConcurrentWrongSecretsForOneClientIdAreCheckedAtMostTheLimit() {
        try (ServerFixture fixture = new ServerFixture(CredentialHashers.named("argon2id"),
                server -> server.throttling(Throttling.DEFAULTS))) {
            CreatedPass pass = fixture.createPass();
            String clientId = pass.credentials().clientId().value();
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                replies.add(fixture.http.sendAsync(HttpRequest.newBuilder(fixture.uri("/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(clientId, wrongSecret())).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = replies.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

            long checked = statuses.stream().filter(status -> status == 401).count();
            assertThat(checked).as("wrong secrets checked (answered 401) of 100 at once, limit 10/1m: %s", statuses)
                    .isLessThanOrEqualTo(10);
            assertThat(statuses).filteredOn(status -> status != 401).containsOnly(429);
        }
    }

    @Test
    void guessesSpreadOverTheAddressesOfOneIpv6NetworkMeetOneAddressLimit() {
        Throttling small = new Throttling(FailureLimit.parse("3/1m"), FailureLimit.parse("5/1m"), FailureLimit.parse("3/1m"));
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(small)
                .trustedProxies(List.of("127.0.0.1")))) {
            for (int i = 1; i <= 5; i++) {
                assertThat(grant(fixture, unknownId(), wrongSecret(), "X-Forwarded-For",
                        "2001:db8:1:2:" + i + "::" + Integer.toHexString(i * 977)).statusCode()).isEqualTo(401);
            }
            CreatedPass pass = fixture.createPass();

            assertThat(grant(fixture, pass, "X-Forwarded-For", "2001:db8:1:2:ffff::1").statusCode())
                    .as("another address of the same /64").isEqualTo(429);
            assertThat(grant(fixture, pass, "X-Forwarded-For", "2001:db8:1:3::1").statusCode())
                    .as("the next /64").isEqualTo(200);
        }
    }
}

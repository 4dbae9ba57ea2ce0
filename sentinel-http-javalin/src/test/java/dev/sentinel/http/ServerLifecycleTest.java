package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

    @Test
    void usesTheConfiguredIssuerInMetadataAndTokens() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.issuer("https://auth.example.com"))) {
            var created = fixture.createPass();
            JsonNode metadata = Json.parse(fixture.send(HttpRequest.newBuilder(
                    fixture.uri("/.well-known/oauth-authorization-server")).build()).body());
            String jwt = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                    ServerFixture.basic(created.credentials().clientId().value(), created.credentials().clientSecret().reveal()))
                    .body()).path("access_token").asText();

            assertThat(metadata.path("issuer").asText()).isEqualTo("https://auth.example.com");
            assertThat(metadata.path("token_endpoint").asText()).isEqualTo("https://auth.example.com/oauth/token");
            assertThat(metadata.path("grant_types_supported").findValuesAsText("")).isEmpty();
            assertThat(metadata.path("grant_types_supported").get(0).asText()).isEqualTo("client_credentials");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            assertThat(Json.parse(payload).path("iss").asText()).isEqualTo("https://auth.example.com");
        }
    }

    @Test
    void answersWrongMethodsOnOAuthEndpointsWith405AndUnknownPathsWith404() {
        try (ServerFixture fixture = new ServerFixture()) {
            HttpResponse<String> get = fixture.send(HttpRequest.newBuilder(fixture.uri("/oauth/token")).build());
            HttpResponse<String> unknown = fixture.send(HttpRequest.newBuilder(fixture.uri("/nothing-here")).build());

            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void writesBufferedActivityWhenItCloses() {
        ServerFixture fixture = new ServerFixture(builder -> builder.tokenLifetime(Duration.ofMinutes(5)));
        var created = fixture.createPass();
        for (int i = 0; i < 20; i++) {
            fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                    ServerFixture.basic(created.credentials().clientId().value(), created.credentials().clientSecret().reveal()));
        }

        fixture.close();

        long recorded = fixture.storage.read(session -> session.activity()
                .count(dev.sentinel.core.domain.activity.ActivityFilter.all(created.pass().passId())));
        assertThat(recorded).isEqualTo(20);
        assertThat(fixture.server.node().activityStats()).hasValueSatisfying(stats -> assertThat(stats.rejected()).isZero());
    }

    @Test
    void letsARunningRequestFinishWhenItStopsGracefully() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        ServerFixture fixture = new ServerFixture(builder -> builder.stopTimeout(Duration.ofSeconds(5))
                .activityRecorder(event -> {
                    running.countDown();
                    sleep(500);
                }));
        var created = fixture.createPass();
        var response = fixture.http.sendAsync(java.net.http.HttpRequest.newBuilder(fixture.uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", ServerFixture.basic(created.credentials().clientId().value(),
                        created.credentials().clientSecret().reveal()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        running.await();

        fixture.close();

        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedStartLeavesNoThreadOrListenerBehindAndARetryOnTheSameSentinelWorks() throws Exception {
        dev.sentinel.core.Sentinel sentinel = dev.sentinel.core.Sentinel.builder().build();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            SentinelServer first = TestServer.builder(sentinel).port(taken.getLocalPort()).adminToken(ServerFixture.ADMIN_TOKEN)
                    .stopTimeout(java.time.Duration.ZERO).build();

            org.assertj.core.api.Assertions.assertThatThrownBy(first::start).isInstanceOf(RuntimeException.class);
        }
        sleep(300);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && (thread.getName().equals("sentinel-activity-writer") || thread.getName().equals("sentinel-housekeeping")));

        try (SentinelServer retry = TestServer.builder(sentinel).port(0).adminToken(ServerFixture.ADMIN_TOKEN)
                .stopTimeout(java.time.Duration.ZERO).build().start()) {
            assertThat(retry.node().tokens().keys().current().active()).as("the retry reads the key the first attempt made")
                    .isNotNull();
        }
    }

    @Test
    void errorsJettyRaisesItselfComeBackInTheApisShapes() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), fixture.server.port());
            try (socket) {
                socket.getOutputStream().write("GET /api/v1/passes/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

                assertThat(reply).startsWith("HTTP/1.1 400").contains("application/problem+json")
                        .contains("\"status\":400").doesNotContain("<html");
            }
        }
    }

    @Test
    void changingTheBuilderAfterBuildChangesNothingInTheServer() {
        TestServer.Builder builder = TestServer.builder(dev.sentinel.core.Sentinel.builder().build()).port(0)
                .issuer("https://first.example").adminToken(ServerFixture.ADMIN_TOKEN).stopTimeout(java.time.Duration.ZERO);
        try (SentinelServer server = builder.build().start()) {
            builder.issuer("https://second.example").port(1);

            assertThat(server.issuer()).isEqualTo("https://first.example");
            assertThat(server.port()).isNotEqualTo(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

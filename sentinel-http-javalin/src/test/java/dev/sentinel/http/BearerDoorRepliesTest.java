package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What a refused caller of the management API is told: a missing token and a wrong one are different problems (the
 * caller knows which it sent, so telling them apart reveals nothing), and being throttled is a titled 429.
 */
class BearerDoorRepliesTest {

    private static final Throttling SMALL = new Throttling(FailureLimit.parse("3/1m"), FailureLimit.parse("3/1m"),
            FailureLimit.parse("3/1m"));

    private static HttpResponse<String> projects(ServerFixture fixture, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri("/api/v1/projects"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return fixture.send(request.build());
    }

    @Test
    void aMissingAndAWrongAdminTokenGetDifferentDetailsAndChallenges() {
        try (ServerFixture fixture = new ServerFixture()) {
            HttpResponse<String> missing = projects(fixture, null);
            HttpResponse<String> wrong = projects(fixture, "Bearer sat_not-the-admin-token");

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(401);
            JsonNode missingProblem = Json.parse(missing.body());
            JsonNode wrongProblem = Json.parse(wrong.body());
            assertThat(missingProblem.path("title").asText()).isEqualTo("Unauthorized");
            assertThat(missingProblem.path("detail").asText())
                    .isEqualTo("the management API needs Authorization: Bearer <access key or admin token>, or a "
                            + "signed-in session");
            assertThat(wrongProblem.path("detail").asText()).isEqualTo("the bearer token is not a valid access key or "
                    + "admin token (mistyped, expired, revoked, or replaced by a rotation); the management API needs "
                    + "Authorization: Bearer <access key or admin token>, or a signed-in session");
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sentinel-admin\"");
            assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"sentinel-admin\", error=\"invalid_token\"");
        }
    }

    @Test
    void aThrottledCallerGetsTooManyRequestsWithRetryAfter() {
        try (ServerFixture fixture = new ServerFixture(server -> server.throttling(SMALL))) {
            for (int i = 0; i < 3; i++) {
                assertThat(projects(fixture, "Bearer wrong-token-" + i).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> throttled = projects(fixture, "Bearer " + ServerFixture.ADMIN_TOKEN);

            assertThat(throttled.statusCode()).isEqualTo(429);
            JsonNode problem = Json.parse(throttled.body());
            assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }
}

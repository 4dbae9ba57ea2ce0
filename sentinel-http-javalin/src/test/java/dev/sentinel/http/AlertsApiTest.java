package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alerts API on a real server: rules made and refused over HTTP, an expiry alert for a pass valid 5 more days
 * listed once after two evaluations, and shown only to callers with a role in its project.
 */
class AlertsApiTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private HttpResponse<String> post(String path, String json) {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(String path, String bearer) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path)).header("Authorization", "Bearer " + bearer)
                .GET().build());
    }

    @Test
    void anExpiringPassShowsOneOpenAlertToItsProjectOnly() {
        // the fixture's clock is 2026-11-26T10:00Z: valid until 2026-11-30 leaves 4 days 14 hours
        String passId = fixture.createPass(builder -> builder.validUntil("2026-11-30")).pass().passId().value();
        fixture.sentinel.projects().as(new dev.sentinel.core.port.in.Actor("test")).create("other", null);

        HttpResponse<String> created = post("/api/v1/projects/demo/alert-rules", "{\"kind\": \"pass.expiring\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = Json.parse(created.body());
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/alert-rules/" + rule.path("id").asText());
        assertThat(rule.path("passes").size()).isZero();

        fixture.server.node().evaluateAlerts();
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.server.node().evaluateAlerts();

        JsonNode alerts = Json.parse(get("/api/v1/alerts", ServerFixture.ADMIN_TOKEN).body());
        assertThat(alerts.path("total").asInt()).isEqualTo(1);
        JsonNode alert = alerts.path("items").get(0);
        assertThat(alert.path("kind").asText()).isEqualTo("pass.expiring");
        assertThat(alert.path("pass_id").asText()).isEqualTo(passId);
        assertThat(alert.path("stage").asText()).isEqualTo("7d");
        assertThat(alert.path("state").asText()).isEqualTo("open");
        assertThat(alert.path("cleared_at").isNull()).isTrue();

        String otherViewer = fixture.server.node().accessKeys().create(new CreateAccessKeyCommand("other-viewer",
                "viewer", List.of("other"), null)).secret();
        String demoViewer = fixture.server.node().accessKeys().create(new CreateAccessKeyCommand("demo-viewer",
                "viewer", List.of("demo"), null)).secret();
        assertThat(Json.parse(get("/api/v1/alerts", otherViewer).body()).path("total").asInt()).isZero();
        assertThat(get("/api/v1/alerts?project=demo", otherViewer).statusCode())
                .as("a project the caller has no role in is not found, as on every project route").isEqualTo(404);
        assertThat(Json.parse(get("/api/v1/alerts", demoViewer).body()).path("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/projects/demo/alert-rules", demoViewer).statusCode()).isEqualTo(200);
        HttpResponse<String> viewerMakes = fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/projects/demo/alert-rules"))
                .header("Authorization", "Bearer " + demoViewer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"pass.expired\"}")).build());
        assertThat(viewerMakes.statusCode()).isEqualTo(403);
        HttpResponse<String> viewerDeletes = fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/alert-rules/"
                + rule.path("id").asText())).header("Authorization", "Bearer " + demoViewer).DELETE().build());
        assertThat(viewerDeletes.statusCode()).isEqualTo(403);

        HttpResponse<String> deleted = fixture.send(fixture.admin("/api/v1/alert-rules/" + rule.path("id").asText())
                .DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Json.parse(get("/api/v1/alerts?state=all", ServerFixture.ADMIN_TOKEN).body()).path("total").asInt())
                .isZero();
    }

    @Test
    void aBrokenRuleIsRefusedNamingEveryBrokenField() {
        HttpResponse<String> refused = post("/api/v1/projects/demo/alert-rules",
                "{\"kind\": \"quota.reached\", \"passes\": [\"nope\"], \"error_rate_percent\": 0, \"window_minutes\": 1.5}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.parse(refused.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("kind", "passes", "error_rate_percent", "window_minutes", "project");
        assertThat(Json.parse(get("/api/v1/projects/demo/alert-rules", ServerFixture.ADMIN_TOKEN).body())
                .path("total").asInt()).isZero();
        assertThat(get("/api/v1/alerts?colour=red", ServerFixture.ADMIN_TOKEN).statusCode()).isEqualTo(400);
    }
}

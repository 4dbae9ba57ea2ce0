package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every JSON body the API reads is exactly one JSON value without a member name twice: a gateway in front that reads
 * the first key, or only the first value, must never see another request than Sentinel does.
 */
class StrictJsonTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(json)).build());
    }

    private static String detailOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        return Json.parse(response.body()).path("detail").asText();
    }

    private int passCount() {
        return fixture.sentinel.passes().list(dev.sentinel.core.domain.ProjectId.of("demo")).size();
    }

    @Test
    void aPassCreateWithTheSamePassIdTwiceIsRefusedAndStoresNothing() {
        HttpResponse<String> reply = send("POST", "/api/v1/projects/demo/passes", "{\"agent_name\": \"A\", "
                + "\"agent_type\": \"bot\", \"pass_id\": \"SP-2026-AAAAAA\", \"pass_id\": \"SP-2026-BBBBBB\"}");

        assertThat(detailOf(reply)).contains("\"pass_id\"").contains("more than once");
        assertThat(passCount()).isZero();
    }

    @Test
    void aDuplicateKeyInsideANestedObjectOrAListFieldIsRefusedToo() {
        HttpResponse<String> reply = send("POST", "/api/v1/projects/demo/passes", "{\"agent_name\": \"A\", "
                + "\"agent_type\": \"bot\", \"allowed_ips\": [\"10.0.0.0/8\"], \"allowed_ips\": []}");

        assertThat(detailOf(reply)).contains("\"allowed_ips\"").contains("more than once");
        assertThat(passCount()).isZero();
    }

    @Test
    void aSecondObjectAfterTheFirstIsRefused() {
        HttpResponse<String> reply = send("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"A\", \"agent_type\": \"bot\"}{\"agent_name\": \"B\", \"agent_type\": \"bot\"}");

        assertThat(detailOf(reply)).contains("more than one JSON value");
        assertThat(passCount()).isZero();
    }

    @Test
    void trailingGarbageAfterTheObjectIsRefused() {
        HttpResponse<String> reply = send("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"A\", \"agent_type\": \"bot\"} x");

        assertThat(detailOf(reply)).contains("more than one JSON value");
        assertThat(passCount()).isZero();
    }

    @Test
    void trailingWhitespaceIsFine() {
        HttpResponse<String> reply = send("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"A\", \"agent_type\": \"bot\"}\n \r\n");

        assertThat(reply.statusCode()).isEqualTo(201);
    }

    @Test
    void patchAndRegenerateBodiesAreReadStrictly() {
        String passId = fixture.createPass().pass().passId().value();

        HttpResponse<String> patch = send("PATCH", "/api/v1/passes/" + passId,
                "{\"allowed_ips\": [\"10.0.0.0/8\"], \"allowed_ips\": null}");
        HttpResponse<String> regenerate = send("POST", "/api/v1/passes/" + passId + "/credentials/regenerate",
                "{\"grace_period\": \"PT1H\"} {\"grace_period\": \"0\"}");

        assertThat(detailOf(patch)).contains("\"allowed_ips\"").contains("more than once");
        assertThat(detailOf(regenerate)).contains("more than one JSON value");
        JsonNode pass = Json.parse(fixture.send(fixture.admin("/api/v1/passes/" + passId).build()).body()).path("pass");
        assertThat(pass.path("allowed_ips")).isEmpty();
        assertThat(fixture.sentinel.passes().get(dev.sentinel.core.domain.PassId.of(passId)).agent().credentials()
                .credentials()).as("no second secret was made").hasSize(1);
    }

    @Test
    void ingestBodiesAreReadStrictly() {
        String passId = fixture.createPass().pass().passId().value();
        String event = "{\"pass_id\": \"" + passId + "\", \"type\": \"api_request\", \"started_at\": \""
                + fixture.clock.instant() + "\", \"endpoint\": \"/v1/orders\", \"http_method\": \"GET\", "
                + "\"success\": true, \"status_code\": 200, \"duration_ms\": 42}";
        String twice = event.replace("\"status_code\": 200", "\"status_code\": 200, \"status_code\": 500");

        List<String> details = List.of(
                detailOf(send("POST", "/api/v1/activity", "[" + twice + "]")),
                detailOf(send("POST", "/api/v1/activity", "[" + event + "][" + event + "]")),
                detailOf(send("POST", "/api/v1/activity", "[" + event + "] x")));

        assertThat(details.get(0)).contains("\"status_code\"").contains("more than once");
        assertThat(details.get(1)).contains("more than one JSON value");
        assertThat(details.get(2)).contains("more than one JSON value");
        long stored = fixture.storage.read(session -> session.activity().count(
                ActivityFilter.all(dev.sentinel.core.domain.PassId.of(passId))));
        assertThat(stored).isZero();
    }
}

package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every instant in every reply has one form, to the millisecond, whatever precision the clock or the store has. */
class ReplyTimestampsTest {

    private static final Pattern LOOKS_LIKE_AN_INSTANT = Pattern.compile("^[+-]?\\d{4,}-\\d\\d-\\d\\dT.*");
    private static final Pattern ONE_FORM = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

    private final ServerFixture fixture = new ServerFixture();
    private final Set<String> seen = new TreeSet<>();
    private final List<String> wrong = new ArrayList<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyReplyWritesInstantsToTheMillisecond() {
        fixture.clock.set(ServerFixture.START.plusNanos(123_456_789));
        JsonNode created = Json.parse(fixture.send(fixture.admin("/api/v1/projects/demo/passes")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"agent_name\": \"Clock Agent\", \"agent_type\": \"bot\"}")).build()).body());
        String passId = created.path("pass").path("pass_id").asText();
        fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization", ServerFixture.basic(
                created.path("credentials").path("client_id").asText(),
                created.path("credentials").path("client_secret").asText()));
        assertThat(fixture.activity(PassId.of(passId), 1)).isNotEmpty();
        fixture.clock.advance(Duration.ofMillis(1).plusNanos(1_000));

        collect(created);
        collect(get("/api/v1/projects"));
        collect(get("/api/v1/projects/demo/passes"));
        collect(get("/api/v1/passes/" + passId));
        collect(get("/api/v1/passes/" + passId + "/activity"));
        collect(get("/api/v1/passes/" + passId + "/usage?range=24h"));
        collect(get("/api/v1/passes/" + passId + "/activity/export?format=json"));
        fixture.send(fixture.admin("/api/v1/passes/" + passId + "/activity/export?format=jsonl").build()).body()
                .lines().map(Json::parse).forEach(this::collect);
        collect(Json.parse(fixture.send(fixture.admin("/api/v1/passes/" + passId + "/credentials/regenerate")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"grace_period\": \"1h\"}")).build()).body()));
        collect(Json.parse(fixture.send(fixture.admin("/api/v1/passes/" + passId)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"allowed_ips\": null}")).build()).body()));

        assertThat(wrong).isEmpty();
        assertThat(seen).contains("created_at", "updated_at", "started_at", "last_used", "last_activity", "start",
                "previous_secret_valid_until");
        assertThat(get("/api/v1/passes/" + passId).path("pass").path("created_at").asText())
                .isEqualTo("2026-11-26T10:00:00.123Z");
    }

    private JsonNode get(String path) {
        return Json.parse(fixture.send(fixture.admin(path).build()).body());
    }

    private void collect(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getValue().isTextual() && LOOKS_LIKE_AN_INSTANT.matcher(field.getValue().asText()).matches()) {
                    seen.add(field.getKey());
                    if (!ONE_FORM.matcher(field.getValue().asText()).matches()) {
                        wrong.add(field.getKey() + "=" + field.getValue().asText());
                    }
                }
                collect(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(this::collect);
        }
    }
}

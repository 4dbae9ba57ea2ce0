package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code private_key_jwt} passes made through the management API of a {@link ServerFixture}, and their evidence. */
final class KeyPasses {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** A pass as the create reply shows it. */
    record KeyPass(String passId, String clientId, JsonNode reply) {
        PassId id() {
            return new PassId(passId);
        }
    }

    private final ServerFixture fixture;
    private final Map<String, Integer> seen = new java.util.HashMap<>();

    KeyPasses(ServerFixture fixture) {
        this.fixture = fixture;
    }

    /** Creates a private_key_jwt pass in project demo with {@code keyFields} (jwks or jwks_uri, the opt-in). */
    KeyPass create(Map<String, Object> keyFields) throws Exception {
        HttpResponse<String> created = post(keyFields);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode reply = JSON.readTree(created.body());
        return new KeyPass(reply.path("pass").path("pass_id").asText(),
                reply.path("credentials").path("client_id").asText(), reply);
    }

    KeyPass create(ClientKey key) throws Exception {
        return create(Map.of("jwks", key.jwks()));
    }

    /** The create request with the key fields, whatever the reply. */
    HttpResponse<String> post(Map<String, Object> keyFields) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_name", "Key Agent");
        body.put("agent_type", "bot");
        body.put("credential_type", "private_key_jwt");
        body.put("permissions", "read");
        body.putAll(keyFields);
        return json("POST", "/api/v1/projects/demo/passes", body);
    }

    HttpResponse<String> json(String method, String path, Object body) throws Exception {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** A client credentials grant authenticated by {@code assertion} (and {@code client_id} when not null). */
    HttpResponse<String> grant(String assertion, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        return fixture.postForm("/oauth/token", ServerFixture.form(form));
    }

    HttpResponse<String> grant(String assertion) {
        return grant(assertion, null);
    }

    /**
     * The pass's newest refusal ("code: detail") recorded since this method last looked at the pass, waiting up to 5 s
     * for the server to write it; "(none)" when no new refusal was recorded.
     */
    String refusal(KeyPass pass) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            List<ActivityEvent> refusals = fixture.activity(pass.id(), 0).stream()
                    .filter(event -> event.type() == ActivityType.ERROR).toList(); // newest first
            if (refusals.size() > seen.getOrDefault(pass.passId(), 0)) {
                seen.put(pass.passId(), refusals.size());
                return refusals.get(0).errorMessage().orElse("(no message)");
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return "(none)";
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

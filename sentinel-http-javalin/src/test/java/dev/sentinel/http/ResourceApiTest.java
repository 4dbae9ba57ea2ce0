package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.Principal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource API over a real server: the project's admins register its resources, its viewers read them, everyone
 * else finds none; every broken rule is named at once and nothing is stored; every change is audited; and a pass of
 * the project gets a token for a registered resource with no audience edit, while a pass of another project does not.
 */
class ResourceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = "https://tools.example.com/mcp";

    private final ServerFixture fixture = new ServerFixture();
    private final CreatedPass pass = fixture.createPass();
    private final CreatedPass other = fixture.sentinel.passes().create(CreatePassCommand.builder("other")
            .agentName("Other Agent").agentType("Sourcing Agent").build());

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri(path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return fixture.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                : JSON.writeValueAsString(body))).build());
    }

    private String key(String name, String role, String project) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/access-keys", ServerFixture.ADMIN_TOKEN,
                Map.of("name", name, "role", role, "projects", List.of(project)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("key").asText();
    }

    private static Map<String, Object> tools() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", TOOLS);
        body.put("name", "Tools");
        body.put("scopes", List.of(Map.of("name", "tools:read", "description", "List the tools"),
                Map.of("name", "tools:run", "description", "Run a tool", "min_role", "admin")));
        return body;
    }

    private List<AuditRecord> audit(String action) {
        return fixture.sentinel.audit().find(Principal.adminToken(), AuditFilter.all().withAction(action),
                new PageRequest(1, 100)).items();
    }

    private HttpResponse<String> grant(CreatedPass client, String resource) {
        return fixture.postForm("/oauth/token", "grant_type=client_credentials&resource="
                + URLEncoder.encode(resource, StandardCharsets.UTF_8), "Authorization", ServerFixture.basic(
                client.credentials().clientId().value(), client.credentials().clientSecret().reveal()));
    }

    private static JsonNode claims(HttpResponse<String> tokenResponse) throws Exception {
        String jwt = JSON.readTree(tokenResponse.body()).path("access_token").asText();
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void theProjectsAdminsManageItsViewersReadAndOthersFindNothing() throws Exception {
        String admin = key("demo-admin", "admin", "demo");
        String viewer = key("demo-viewer", "viewer", "demo");
        String stranger = key("other-admin", "admin", "other");

        HttpResponse<String> created = send("POST", "/api/v1/projects/demo/resources", admin, tools());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode resource = JSON.readTree(created.body());
        String id = resource.path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/resources/" + id);
        assertThat(resource.path("resource").asText()).isEqualTo(TOOLS);
        assertThat(resource.path("project").asText()).isEqualTo("demo");
        assertThat(resource.path("scopes").findValuesAsText("min_role")).containsExactly("viewer", "admin");

        assertThat(send("GET", "/api/v1/projects/demo/resources", viewer, null).body()).contains(id);
        assertThat(send("GET", "/api/v1/resources/" + id, viewer, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/projects/demo/resources", viewer, tools()).statusCode()).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/resources/" + id, viewer, Map.of("name", "X")).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/resources/" + id, viewer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/resources/" + id, stranger, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/resources/" + id, stranger, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/projects/demo/resources", stranger, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/resources/rs_nonsense", admin, null).statusCode()).isEqualTo(404);

        HttpResponse<String> patched = send("PATCH", "/api/v1/resources/" + id, admin, Map.of("name", "Tools v2"));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).path("name").asText()).isEqualTo("Tools v2");
        assertThat(JSON.readTree(patched.body()).path("scopes").size()).as("scopes kept").isEqualTo(2);
        assertThat(send("DELETE", "/api/v1/resources/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/resources/" + id, admin, null).statusCode()).isEqualTo(404);

        assertThat(audit("resource.create")).singleElement().satisfies(entry -> {
            assertThat(entry.entry().actor()).isEqualTo("demo-admin");
            assertThat(entry.entry().detail()).contains(TOOLS, "tools:run(admin)");
        });
        assertThat(audit("resource.change")).singleElement().satisfies(entry ->
                assertThat(entry.entry().detail()).contains("Tools v2"));
        assertThat(audit("resource.delete")).hasSize(1);
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndNothingIsStored() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", "http://tools.example.com/mcp");
        body.put("name", 42);
        body.put("scopes", List.of(Map.of("name", "a b", "description", "", "min_role", "owner"), "read",
                Map.of("name", "ok", "description", "d", "weight", "9")));
        body.put("colour", "blue");

        HttpResponse<String> refused = send("POST", "/api/v1/projects/demo/resources", ServerFixture.ADMIN_TOKEN, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("errors").findValuesAsText("field"))
                .as("fields that cannot be read and the rules the rest breaks, at once")
                .containsExactly("name", "scopes[1]", "scopes[2].weight", "colour", "resource");

        HttpResponse<String> rules = send("POST", "/api/v1/projects/demo/resources", ServerFixture.ADMIN_TOKEN,
                Map.of("resource", "http://tools.example.com/mcp", "name", " ", "scopes",
                        List.of(Map.of("name", "a b", "description", "", "min_role", "owner"))));
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(400);
        assertThat(JSON.readTree(rules.body()).path("errors").findValuesAsText("field")).containsExactly("resource",
                "name", "scopes[0].name", "scopes[0].description", "scopes[0].min_role");
        assertThat(JSON.readTree(send("GET", "/api/v1/projects/demo/resources", ServerFixture.ADMIN_TOKEN, null)
                .body()).path("total").asInt()).isZero();
        assertThat(audit("resource.create")).isEmpty();
    }

    @Test
    void aPassOfTheProjectGetsATokenForARegisteredResourceAndAPassOfAnotherDoesNot() throws Exception {
        assertThat(JSON.readTree(grant(pass, TOOLS).body()).path("error").asText())
                .as("before registration").isEqualTo("invalid_target");
        assertThat(send("POST", "/api/v1/projects/demo/resources", ServerFixture.ADMIN_TOKEN, tools()).statusCode())
                .isEqualTo(201);

        HttpResponse<String> granted = grant(pass, TOOLS);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(claims(granted).path("aud").asText()).isEqualTo(TOOLS);
        HttpResponse<String> foreign = grant(other, TOOLS);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(foreign.body()).path("error").asText()).isEqualTo("invalid_target");

        HttpResponse<String> taken = send("POST", "/api/v1/projects/other/resources", ServerFixture.ADMIN_TOKEN,
                tools());
        assertThat(taken.statusCode()).as("one identifier, one project").isEqualTo(409);
    }
}

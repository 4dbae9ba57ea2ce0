package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.Principal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The trust-policy API over a real server: the project's admins manage its policies, its viewers read them, everyone
 * else finds none; every broken rule is named at once and nothing is stored; every change is audited.
 */
class TrustPolicyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB = "https://token.actions.githubusercontent.com";

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

    private Map<String, Object> policy() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", GITHUB);
        body.put("conditions", Map.of("/repository", "octo-org/app"));
        body.put("pass_id", pass.pass().passId().value());
        return body;
    }

    private List<AuditRecord> audit(String action) {
        return fixture.sentinel.audit().find(Principal.adminToken(), AuditFilter.all().withAction(action),
                new PageRequest(1, 100)).items();
    }

    @Test
    void theProjectsAdminsManageItsViewersReadAndOthersFindNothing() throws Exception {
        String admin = key("demo-admin", "admin", "demo");
        String viewer = key("demo-viewer", "viewer", "demo");
        String stranger = key("other-admin", "admin", "other");

        HttpResponse<String> created = send("POST", "/api/v1/projects/demo/trust-policies", admin, policy());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode policy = JSON.readTree(created.body());
        String id = policy.path("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/trust-policies/" + id);
        assertThat(policy.path("project").asText()).isEqualTo("demo");
        assertThat(policy.path("audience").asText()).as("the default: Sentinel's issuer")
                .isEqualTo(fixture.server.issuer());
        assertThat(policy.path("max_token_age").asText()).isEqualTo("1h");
        assertThat(policy.path("key_source").asText()).isEqualTo("discovery");
        assertThat(policy.path("jwks_uri").isNull()).isTrue();
        assertThat(policy.path("conditions").path("/repository").asText()).isEqualTo("octo-org/app");

        assertThat(send("GET", "/api/v1/projects/demo/trust-policies", viewer, null).body()).contains(id);
        assertThat(send("GET", "/api/v1/trust-policies/" + id, viewer, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/projects/demo/trust-policies", viewer, policy()).statusCode()).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/trust-policies/" + id, viewer, Map.of("max_token_age", "5m")).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/trust-policies/" + id, viewer, null).statusCode()).isEqualTo(403);
        for (String[] request : new String[][]{{"GET", "/api/v1/projects/demo/trust-policies"},
                {"GET", "/api/v1/trust-policies/" + id}, {"DELETE", "/api/v1/trust-policies/" + id}}) {
            assertThat(send(request[0], request[1], stranger, null).statusCode()).as(request[1]).isEqualTo(404);
        }
        assertThat(send("PATCH", "/api/v1/trust-policies/" + id, stranger, Map.of("max_token_age", "5m"))
                .statusCode()).isEqualTo(404);

        HttpResponse<String> changed = send("PATCH", "/api/v1/trust-policies/" + id, admin,
                Map.of("max_token_age", "5m", "description", "deploys"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("max_token_age").asText()).isEqualTo("5m");
        assertThat(JSON.readTree(changed.body()).path("issuer").asText()).as("unchanged").isEqualTo(GITHUB);
        assertThat(send("DELETE", "/api/v1/trust-policies/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/trust-policies/" + id, admin, null).statusCode()).isEqualTo(404);

        for (String action : List.of("trust_policy.create", "trust_policy.change", "trust_policy.delete")) {
            assertThat(audit(action)).as(action).singleElement().satisfies(entry -> {
                assertThat(entry.entry().actor()).isEqualTo("demo-admin");
                assertThat(entry.entry().project()).contains("demo");
                assertThat(entry.entry().detail()).contains("trust_policy=" + id).contains("issuer=" + GITHUB);
            });
        }
        assertThat(audit("trust_policy.change").get(0).entry().detail()).contains("max_token_age=3600s")
                .contains("max_token_age=300s");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndNothingIsStored() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", "http://token.actions.githubusercontent.com");
        body.put("conditions", Map.of("/repository", "*", "/ref", "refs/heads/main"));
        body.put("max_token_age", "30s");
        body.put("description", "x".repeat(501));
        body.put("colour", "blue");

        HttpResponse<String> unknownField = send("POST", "/api/v1/projects/demo/trust-policies",
                ServerFixture.ADMIN_TOKEN, body);
        body.remove("colour");
        HttpResponse<String> refused = send("POST", "/api/v1/projects/demo/trust-policies", ServerFixture.ADMIN_TOKEN,
                body);

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownField.body()).path("errors").findValuesAsText("field")).contains("colour");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("issuer", "conditions", "max_token_age", "pass_id", "description");
        assertThat(send("GET", "/api/v1/projects/demo/trust-policies", ServerFixture.ADMIN_TOKEN, null).body())
                .contains("\"total\":0");
    }

    @Test
    void aPolicyThatWouldMatchEveryWorkloadOfItsIssuerIsRefused() throws Exception {
        for (Map<String, String> conditions : List.of(Map.of("/ref", "refs/heads/main"), Map.of("/sub", "*"),
                Map.of("/sub", "repo:*"), Map.of("/sub", "**", "/event_name", "push"),
                Map.of("/sub", "system:serviceaccount:*"))) {
            Map<String, Object> body = policy();
            body.put("conditions", conditions);
            HttpResponse<String> refused = send("POST", "/api/v1/projects/demo/trust-policies",
                    ServerFixture.ADMIN_TOKEN, body);
            assertThat(refused.statusCode()).as(conditions.toString()).isEqualTo(400);
            assertThat(refused.body()).as(conditions.toString()).contains("must name the workload");
        }
        Map<String, Object> organisation = policy();
        organisation.put("conditions", Map.of("/sub", "repo:octo-org/*"));
        assertThat(send("POST", "/api/v1/projects/demo/trust-policies", ServerFixture.ADMIN_TOKEN, organisation)
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aJwkSetWithAPrivateKeyIsRefusedAndAPublicOneIsKeptWithoutPrivateParts() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Map<String, Object> leaked = policy();
        leaked.put("jwks", Map.of("keys", List.of(key.toJSONObject())));
        Map<String, Object> both = policy();
        both.put("jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject())));
        both.put("jwks_uri", "https://keys.example.com/jwks");

        HttpResponse<String> refused = send("POST", "/api/v1/projects/demo/trust-policies", ServerFixture.ADMIN_TOKEN,
                leaked);
        HttpResponse<String> twoSources = send("POST", "/api/v1/projects/demo/trust-policies",
                ServerFixture.ADMIN_TOKEN, both);
        both.remove("jwks_uri");
        HttpResponse<String> created = send("POST", "/api/v1/projects/demo/trust-policies", ServerFixture.ADMIN_TOKEN,
                both);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("jwks.keys[0]").doesNotContain(key.getD().toString());
        assertThat(twoSources.statusCode()).isEqualTo(400);
        assertThat(twoSources.body()).contains("give jwks_uri or jwks, not both");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode jwks = JSON.readTree(created.body()).path("jwks");
        assertThat(jwks.path("keys").get(0).path("x").asText()).isEqualTo(key.getX().toString());
        assertThat(jwks.path("keys").get(0).has("d")).isFalse();
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> toUri = send("PATCH", "/api/v1/trust-policies/" + id, ServerFixture.ADMIN_TOKEN,
                Map.of("jwks_uri", "https://keys.example.com/jwks"));
        assertThat(toUri.statusCode()).as(toUri.body()).isEqualTo(200);
        assertThat(JSON.readTree(toUri.body()).path("key_source").asText()).isEqualTo("jwks_uri");
        assertThat(JSON.readTree(toUri.body()).path("jwks").isNull()).isTrue();
        HttpResponse<String> readOnly = send("PATCH", "/api/v1/trust-policies/" + id, ServerFixture.ADMIN_TOKEN,
                Map.of("project", "other", "pass_id", other.pass().passId().value()));
        assertThat(readOnly.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(readOnly.body()).path("errors").findValuesAsText("field"))
                .as("the unreadable field and the rule the rest breaks, at once").containsExactly("project", "pass_id");
        assertThat(JSON.readTree(send("GET", "/api/v1/trust-policies/" + id, ServerFixture.ADMIN_TOKEN, null).body())
                .path("pass_id").asText()).as("nothing changed").isEqualTo(pass.pass().passId().value());
    }
}

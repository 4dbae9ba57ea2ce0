package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Routes;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document: valid OpenAPI 3.0 by a real validator, in step with the registered routes, and honest
 * about which properties replies always carry (real replies are checked against its {@code required} lists).
 */
class OpenApiDocumentTest {

    private final ServerFixture fixture = new ServerFixture();
    private final JsonNode document = Json.parse(fixture.send(
            HttpRequest.newBuilder(fixture.uri("/api/v1/openapi.json")).build()).body());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theServedDocumentIsValidOpenApiWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        String served = fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/openapi.json")).build()).body();

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
    }

    @Test
    void infoVersionIsTheVersionOfTheBuild() {
        String build = System.getProperty("sentinel.build.version");
        org.junit.jupiter.api.Assumptions.assumeTrue(build != null && !build.isBlank(),
                "run through Maven, which passes the project version as sentinel.build.version");

        assertThat(document.path("info").path("version").asText()).isEqualTo(build).doesNotContain("${");
    }

    @Test
    void theValidatorRefusesWhatTheDocumentUsedToContain() {
        ParseOptions options = new ParseOptions();
        String withListType = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},"
                + "\"components\":{\"schemas\":{\"A\":{\"type\":[\"string\",\"null\"]}}}}";

        assertThat(new OpenAPIV3Parser().readContents(withListType, null, options).getMessages()).isNotEmpty();
    }

    @Test
    void documentsEveryRegisteredRouteAndNothingElse() {
        List<Routes.Route> documented = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(new Routes.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));

        assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(fixture.server.routes()).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(fixture.server.routes());
    }

    @Test
    void publicOperationsNeedNoCredentialsAndTheRestNeedAnAccessKeyTheAdminTokenOrASessionByDefault() {
        assertThat(document.path("security").toString()).isEqualTo("[{\"accessKey\":[]},{\"adminToken\":[]},"
                + "{\"sessionCookie\":[],\"csrfToken\":[]}]");
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/jwks.json", "/healthz",
                "/readyz", "/api/v1/openapi.json",
                "/.well-known/oauth-authorization-server/{issuerPath}")) {
            document.path("paths").path(path).fields().forEachRemaining(operation -> assertThat(
                    operation.getValue().path("security").toString()).as(operation.getKey() + " " + path).isEqualTo("[]"));
        }
        assertThat(document.path("paths").path("/metrics").path("get").path("security").toString())
                .as("open, or the metrics token when one is configured").isEqualTo("[{},{\"metricsToken\":[]},{\"accessKey\":[]}]");
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (path.getKey().startsWith("/oauth/")) {
                assertThat(operation.getValue().path("security").isArray()).as(path.getKey()).isTrue();
            }
        }));
    }

    @Test
    void everyObjectAReplyReturnsListsItsRequiredProperties() {
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response ->
                        response.getValue().path("content").fields().forEachRemaining(content ->
                                checkRequiredListed(content.getValue().path("schema"),
                                        path.getKey() + " " + operation.getKey() + " " + response.getKey(), missing)))));

        assertThat(missing).isEmpty();
    }

    @Test
    void realRepliesCarryEveryRequiredProperty() {
        CreatedPass pass = fixture.createPass(builder -> builder.allowedAudiences(List.of("https://orders.example.com")));
        String passId = pass.pass().passId().value();
        String token = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", ServerFixture.basic(pass.credentials().clientId().value(),
                        pass.credentials().clientSecret().reveal())).body()).path("access_token").asText();

        conforms("/oauth/token", "post", "200", fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", ServerFixture.basic(pass.credentials().clientId().value(),
                        pass.credentials().clientSecret().reveal())));
        conforms("/oauth/token", "post", "400", fixture.postForm("/oauth/token", "grant_type=client_credentials&audience=x",
                "Authorization", ServerFixture.basic(pass.credentials().clientId().value(),
                        pass.credentials().clientSecret().reveal())));
        conforms("/oauth/introspect", "post", "200", fixture.postForm("/oauth/introspect",
                "token=" + token, "Authorization", "Bearer " + ServerFixture.ADMIN_TOKEN));
        conforms("/.well-known/oauth-authorization-server", "get", "200", get("/.well-known/oauth-authorization-server"));
        conforms("/.well-known/jwks.json", "get", "200", get("/.well-known/jwks.json"));
        conforms("/healthz", "get", "200", get("/healthz"));
        conforms("/api/v1/openapi.json", "get", "200", get("/api/v1/openapi.json"));
        conforms("/api/v1/projects/{project}/passes", "get", "200", admin("/api/v1/projects/demo/passes"));
        conforms("/api/v1/passes/{passId}", "get", "200", admin("/api/v1/passes/" + passId));
        conforms("/api/v1/passes/{passId}", "get", "404", admin("/api/v1/passes/SP-2026-ZZZZZZ"));
        conforms("/api/v1/passes/{passId}/permissions", "get", "200", admin("/api/v1/passes/" + passId + "/permissions"));
        conforms("/api/v1/passes/{passId}/usage", "get", "200", admin("/api/v1/passes/" + passId + "/usage?range=24h"));
        fixture.activity(pass.pass().passId(), 1);
        conforms("/api/v1/passes/{passId}/activity", "get", "200", admin("/api/v1/passes/" + passId + "/activity"));
        conforms("/api/v1/projects/{project}/passes", "post", "201", fixture.send(fixture.admin("/api/v1/projects/demo/passes")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agent_name\":\"Doc Agent\",\"agent_type\":\"tester\"}")).build()));
        conforms("/api/v1/projects/{project}/passes", "post", "400", fixture.send(fixture.admin("/api/v1/projects/demo/passes")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agent_name\":\"Doc Agent\",\"agent_type\":\"tester\",\"allowed_audiences\":[\"x\"]}")).build()));
        String keyPass = "{\"agent_name\":\"Key Agent\",\"agent_type\":\"bot\",\"credential_type\":\"private_key_jwt\","
                + "\"jwks\":" + KeyPasses.JSON.valueToTree(ClientKey.es256("doc-key").jwks()) + "}";
        HttpResponse<String> keyCreated = postJson("/api/v1/projects/demo/passes", keyPass);
        conforms("/api/v1/projects/{project}/passes", "post", "201", keyCreated);
        String keyPassId = Json.parse(keyCreated.body()).path("pass").path("pass_id").asText();
        conforms("/api/v1/passes/{passId}", "patch", "200", fixture.send(fixture.admin("/api/v1/passes/" + keyPassId)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"accept_token_endpoint_audience\":true}")).build()));
        conforms("/api/v1/passes/{passId}/credentials/regenerate", "post", "409", postJson("/api/v1/passes/"
                + keyPassId + "/credentials/regenerate", "{}"));
        conforms("/api/v1/projects", "get", "200", admin("/api/v1/projects"));
        conforms("/api/v1/projects", "post", "201", postJson("/api/v1/projects", "{\"name\":\"docs\"}"));
        HttpResponse<String> key = postJson("/api/v1/access-keys",
                "{\"name\":\"doc viewer\",\"role\":\"viewer\",\"projects\":[\"docs\"]}");
        conforms("/api/v1/access-keys", "post", "201", key);
        conforms("/api/v1/access-keys", "get", "200", admin("/api/v1/access-keys"));
        conforms("/api/v1/projects/{project}/passes", "post", "403", fixture.send(HttpRequest.newBuilder(
                fixture.uri("/api/v1/projects/docs/passes")).header("Authorization", "Bearer "
                + Json.parse(key.body()).path("key").asText()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        conforms("/api/v1/projects/{project}/members", "get", "200", admin("/api/v1/projects/docs/members"));
        conforms("/api/v1/audit", "get", "200", admin("/api/v1/audit"));
        conforms("/api/v1/audit/export", "get", "200", admin("/api/v1/audit/export?format=json"));
        conforms("/api/v1/audit/verify", "get", "200", admin("/api/v1/audit/verify"));
    }

    private HttpResponse<String> postJson(String path, String json) {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(String path) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path)).build());
    }

    private HttpResponse<String> admin(String path) {
        return fixture.send(fixture.admin(path).build());
    }

    private void conforms(String path, String method, String status, HttpResponse<String> reply) {
        String where = method + " " + path + " " + status;
        assertThat(reply.statusCode()).as(where).isEqualTo(Integer.parseInt(status));
        JsonNode response = document.path("paths").path(path).path(method).path("responses").path(status);
        String type = reply.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        JsonNode schema = response.path("content").path(type).path("schema");
        assertThat(schema.isMissingNode()).as(where + " documents " + type).isFalse();
        List<String> problems = new ArrayList<>();
        check(Json.parse(reply.body()), schema, where, problems);
        assertThat(problems).as(where).isEmpty();
    }

    /** Every required property is in the reply, recursively through properties, array items, allOf and references. */
    private void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        JsonNode resolved = resolve(schema);
        resolved.path("allOf").forEach(part -> check(value, part, where, problems));
        if (value.isObject()) {
            resolved.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(where + ": missing " + name.asText());
                }
            });
            value.fields().forEachRemaining(field -> {
                JsonNode property = resolved.path("properties").path(field.getKey());
                if (!property.isMissingNode()) {
                    check(field.getValue(), property, where + "." + field.getKey(), problems);
                }
            });
        } else if (value.isArray() && resolved.has("items")) {
            value.forEach(item -> check(item, resolved.path("items"), where + "[]", problems));
        }
    }

    private void checkRequiredListed(JsonNode schema, String where, List<String> missing) {
        JsonNode resolved = resolve(schema);
        resolved.path("allOf").forEach(part -> checkRequiredListed(part, where, missing));
        JsonNode properties = resolved.path("properties");
        if (properties.size() > 0) {
            if (!resolved.has("required")) {
                missing.add(where + " has no required list");
            }
            resolved.path("required").forEach(name -> {
                if (!properties.has(name.asText())) {
                    missing.add(where + " requires the undocumented " + name.asText());
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                checkRequiredListed(property.getValue(), where + "." + property.getKey(), missing);
            }
        }
        if (resolved.has("items")) {
            checkRequiredListed(resolved.path("items"), where + "[]", missing);
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String name = current.path("$ref").asText().substring("#/components/schemas/".length());
            current = document.path("components").path("schemas").path(name);
        }
        return current;
    }
}

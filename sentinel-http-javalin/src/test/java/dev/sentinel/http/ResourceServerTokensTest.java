package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.resource.guard.GuardDecision;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What resource servers need from a real server: RFC 8707 audiences at the token endpoint, the {@code typ} choice,
 * and discovery (the RFC 8414 §3.1 location, {@code scopes_supported}, {@code HEAD} on the JWKS).
 */
class ResourceServerTokensTest {

    @Test
    void repeatedResourcesBecomeAnAudienceArrayAndOneResourceAString() {
        try (ServerFixture fixture = new ServerFixture()) {
            CreatedPass pass = passFor(fixture, "https://orders.example.com", "https://billing.example.com");

            HttpResponse<String> both = grant(fixture, pass, "grant_type=client_credentials"
                    + "&resource=https%3A%2F%2Forders.example.com&resource=https%3A%2F%2Fbilling.example.com");
            HttpResponse<String> one = grant(fixture, pass, "grant_type=client_credentials"
                    + "&resource=https%3A%2F%2Fbilling.example.com");
            HttpResponse<String> none = grant(fixture, pass, "grant_type=client_credentials");

            assertThat(both.statusCode()).isEqualTo(200);
            assertThat(claims(both).path("aud").toString())
                    .isEqualTo("[\"https://orders.example.com\",\"https://billing.example.com\"]");
            assertThat(claims(one).path("aud").isTextual()).isTrue();
            assertThat(claims(one).path("aud").asText()).isEqualTo("https://billing.example.com");
            assertThat(claims(none).path("aud").toString())
                    .as("without a resource: every audience the pass lists")
                    .isEqualTo("[\"https://orders.example.com\",\"https://billing.example.com\"]");
            JsonNode introspected = Json.parse(fixture.postForm("/oauth/introspect",
                    "token=" + Json.parse(both.body()).path("access_token").asText(),
                    "Authorization", "Bearer " + ServerFixture.ADMIN_TOKEN).body());
            assertThat(introspected.path("active").asBoolean()).isTrue();
            assertThat(introspected.path("aud").size()).isEqualTo(2);
        }
    }

    @Test
    void aResourceThePassMayNotAskForIsInvalidTarget() {
        try (ServerFixture fixture = new ServerFixture()) {
            CreatedPass pass = passFor(fixture, "https://orders.example.com");

            HttpResponse<String> other = grant(fixture, pass, "grant_type=client_credentials"
                    + "&resource=https%3A%2F%2Fadmin.example.com");
            HttpResponse<String> fragment = grant(fixture, pass, "grant_type=client_credentials"
                    + "&resource=https%3A%2F%2Forders.example.com%23x");
            HttpResponse<String> relative = grant(fixture, pass, "grant_type=client_credentials&resource=orders");

            for (HttpResponse<String> refused : List.of(other, fragment, relative)) {
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(Json.parse(refused.body()).path("error").asText()).isEqualTo("invalid_target");
                assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
            }
            assertThat(Json.parse(fragment.body()).path("error_description").asText()).contains("fragment");
        }
    }

    @Test
    void withoutAllowedAudiencesTheServerDefaultIsTheAudienceAndTheOnlyResource() {
        try (ServerFixture fixture = new ServerFixture(server -> server.audience("https://api.example.com"))) {
            CreatedPass pass = fixture.createPass();

            assertThat(claims(grant(fixture, pass, "grant_type=client_credentials")).path("aud").asText())
                    .isEqualTo("https://api.example.com");
            assertThat(claims(grant(fixture, pass, "grant_type=client_credentials&resource=https%3A%2F%2Fapi.example.com"))
                    .path("aud").asText()).isEqualTo("https://api.example.com");
            assertThat(Json.parse(grant(fixture, pass, "grant_type=client_credentials"
                    + "&resource=https%3A%2F%2Fother.example.com").body()).path("error").asText()).isEqualTo("invalid_target");
        }
    }

    @Test
    void anAudienceParameterIsRefusedPointingToResource() {
        try (ServerFixture fixture = new ServerFixture()) {
            CreatedPass pass = fixture.createPass();

            HttpResponse<String> refused = grant(fixture, pass, "grant_type=client_credentials&audience=https%3A%2F%2Fapi");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Json.parse(refused.body()).path("error").asText()).isEqualTo("invalid_request");
            assertThat(Json.parse(refused.body()).path("error_description").asText()).contains("resource").contains("8707");
            assertThat(Json.parse(grant(fixture, pass, "grant_type=client_credentials&scope=read&scope=read").body())
                    .path("error").asText()).as("other parameters still may not repeat").isEqualTo("invalid_request");
        }
    }

    @Test
    void tokensOfTypeJwtVerifyInIntrospectionAndTheGuard() {
        try (ServerFixture fixture = new ServerFixture(server -> server.accessTokenType(AccessTokenType.JWT))) {
            CreatedPass pass = fixture.createPass();
            String token = Json.parse(grant(fixture, pass, "grant_type=client_credentials").body())
                    .path("access_token").asText();

            assertThat(header(token).path("typ").asText()).isEqualTo("JWT");
            assertThat(Json.parse(fixture.postForm("/oauth/introspect", "token=" + token,
                    "Authorization", "Bearer " + ServerFixture.ADMIN_TOKEN).body()).path("active").asBoolean()).isTrue();
            GuardDecision decision = fixture.server.tokenGuard().check("Bearer " + token, Optional.empty());
            assertThat(decision.allowed()).isTrue();
        }
    }

    @Test
    void anIssuerWithAPathServesItsMetadataAtTheRfc8414Location() {
        try (ServerFixture fixture = new ServerFixture(server -> server.issuer("https://auth.example.com/tenant/a"))) {
            HttpResponse<String> atPath = get(fixture, "/.well-known/oauth-authorization-server/tenant/a");
            HttpResponse<String> plain = get(fixture, "/.well-known/oauth-authorization-server");
            HttpResponse<String> otherPath = get(fixture, "/.well-known/oauth-authorization-server/tenant/b");

            assertThat(atPath.statusCode()).isEqualTo(200);
            assertThat(Json.parse(atPath.body()).path("issuer").asText()).isEqualTo("https://auth.example.com/tenant/a");
            assertThat(Json.parse(atPath.body()).path("token_endpoint").asText())
                    .isEqualTo("https://auth.example.com/tenant/a/oauth/token");
            assertThat(plain.body()).isEqualTo(atPath.body());
            assertThat(otherPath.statusCode()).isEqualTo(404);
        }
        try (ServerFixture fixture = new ServerFixture()) {
            assertThat(get(fixture, "/.well-known/oauth-authorization-server/anything").statusCode())
                    .as("an issuer without a path has no such location").isEqualTo(404);
        }
    }

    @Test
    void scopesSupportedIsLeftOutUnlessConfigured() {
        try (ServerFixture fixture = new ServerFixture()) {
            fixture.createPass(pass -> pass.permissions("read,secret:internal"));
            JsonNode metadata = Json.parse(get(fixture, "/.well-known/oauth-authorization-server").body());
            assertThat(metadata.has("scopes_supported")).isFalse();
            assertThat(metadata.toString()).doesNotContain("secret:internal");
        }
        UnaryOperator<TestServer.Builder> configured = server -> server.scopesSupported(List.of("read", "write"));
        try (ServerFixture fixture = new ServerFixture(configured)) {
            assertThat(Json.parse(get(fixture, "/.well-known/oauth-authorization-server").body())
                    .path("scopes_supported").toString()).isEqualTo("[\"read\",\"write\"]");
        }
    }

    @Test
    void serviceDocumentationIsTheReadableReferencePage() {
        try (ServerFixture fixture = new ServerFixture()) {
            JsonNode metadata = Json.parse(get(fixture, "/.well-known/oauth-authorization-server").body());
            String documentation = metadata.path("service_documentation").asText();
            assertThat(documentation).isEqualTo(metadata.path("issuer").asText() + "/docs/api");
            HttpResponse<String> page = get(fixture, "/docs/api");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        }
    }

    @Test
    void headOnTheJwksAndTheMetadataAnswersTheirJsonContentTypeWithoutABody() {
        try (ServerFixture fixture = new ServerFixture()) {
            for (String path : List.of("/.well-known/jwks.json", "/.well-known/oauth-authorization-server")) {
                HttpResponse<String> head = fixture.send(HttpRequest.newBuilder(fixture.uri(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                HttpResponse<String> get = get(fixture, path);

                assertThat(head.statusCode()).as(path).isEqualTo(200);
                assertThat(head.headers().firstValue("Content-Type")).as(path)
                        .isEqualTo(get.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                assertThat(head.headers().firstValue("Cache-Control")).isEqualTo(get.headers().firstValue("Cache-Control"));
                assertThat(head.body()).isEmpty();
            }
        }
    }

    @Test
    void passesTakeAllowedAudiencesThroughTheManagementApi() {
        try (ServerFixture fixture = new ServerFixture()) {
            HttpResponse<String> created = createOverApi(fixture,
                    "{\"agent_name\":\"Aud Agent\",\"agent_type\":\"tester\",\"allowed_audiences\":[\"https://orders.example.com\"]}");
            HttpResponse<String> badUri = createOverApi(fixture,
                    "{\"agent_name\":\"Aud Agent\",\"agent_type\":\"tester\",\"allowed_audiences\":[\"orders\"]}");
            HttpResponse<String> notAList = createOverApi(fixture,
                    "{\"agent_name\":\"Aud Agent\",\"agent_type\":\"tester\",\"allowed_audiences\":\"https://a.example\"}");

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(Json.parse(created.body()).path("pass").path("allowed_audiences").toString())
                    .isEqualTo("[\"https://orders.example.com\"]");
            for (HttpResponse<String> refused : List.of(badUri, notAList)) {
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(Json.parse(refused.body()).path("errors").get(0).path("field").asText())
                        .isEqualTo("allowed_audiences");
            }
            assertThat(Json.parse(badUri.body()).path("errors").get(0).path("message").asText()).contains("absolute URI");
            JsonNode list = Json.parse(fixture.send(fixture.admin("/api/v1/projects/demo/passes").build()).body());
            assertThat(list.path("total").asInt()).as("nothing half-written by the refused requests").isEqualTo(1);
        }
    }

    private static HttpResponse<String> createOverApi(ServerFixture fixture, String json) {
        return fixture.send(fixture.admin("/api/v1/projects/demo/passes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static CreatedPass passFor(ServerFixture fixture, String... audiences) {
        return fixture.createPass(pass -> pass.allowedAudiences(List.of(audiences)));
    }

    private static HttpResponse<String> grant(ServerFixture fixture, CreatedPass pass, String body) {
        return fixture.postForm("/oauth/token", body, "Authorization", ServerFixture.basic(
                pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal()));
    }

    private static HttpResponse<String> get(ServerFixture fixture, String path) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path)).build());
    }

    private static JsonNode claims(HttpResponse<String> tokenResponse) {
        String jwt = Json.parse(tokenResponse.body()).path("access_token").asText();
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static JsonNode header(String jwt) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}

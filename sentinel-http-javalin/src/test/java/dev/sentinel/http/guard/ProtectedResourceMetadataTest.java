package dev.sentinel.http.guard;

import dev.sentinel.resource.guard.TokenGuard;
import dev.sentinel.resource.guard.ProtectedResource;
import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.resource.verify.RemoteTokenVerifier;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9728 end to end, as an agent that knows only the API's address does it: a refused request names the metadata
 * ({@code resource_metadata}), the metadata names the authorization server, whose RFC 8414 metadata names the token
 * endpoint, where the agent gets the token the API then accepts. A real Sentinel server and a real Javalin API.
 */
class ProtectedResourceMetadataTest {

    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0)
            .adminToken("protected-resource-admin-token-0123456789").stopTimeout(Duration.ZERO).build().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> toStop = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toStop) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void aLocalGuardServesTheMetadataAndAnAgentFollowsItToATokenTheApiAccepts() throws Exception {
        ProtectedResource orders = ProtectedResource.builder("https://api.example.com/orders/")
                .authorizationServer(server.issuer()).scopesSupported(List.of("read:orders"))
                .resourceName("Orders API").build();
        Javalin api = service(SentinelGuard.of(server.tokenGuard()).protectedResource(orders));
        CreatedPass reader = pass("read:orders");
        CreatedPass other = pass("write:orders");

        HttpResponse<String> refused = get(api, "/v1/orders", null);
        String metadataUrl = resourceMetadata(refused);
        HttpResponse<String> metadata = get(api, URI.create(metadataUrl).getPath(), null);
        JsonNode document = Json.parse(metadata.body());
        JsonNode issuerMetadata = Json.parse(send(HttpRequest.newBuilder(URI.create(document.path("authorization_servers")
                .path(0).asText() + "/.well-known/oauth-authorization-server")).build()).body());
        String token = token(issuerMetadata.path("token_endpoint").asText(), reader, "read:orders");
        String withoutScope = token(issuerMetadata.path("token_endpoint").asText(), other, "write:orders");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(metadataUrl).isEqualTo("https://api.example.com/.well-known/oauth-protected-resource/orders");
        assertThat(metadata.statusCode()).as("served without a token though /* is protected").isEqualTo(200);
        assertThat(metadata.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(Json.parse(metadata.body()).toString()).isEqualTo("{\"resource\":\"https://api.example.com/orders/\","
                + "\"authorization_servers\":[\"" + server.issuer() + "\"],\"scopes_supported\":[\"read:orders\"],"
                + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"Orders API\"}");
        assertThat(issuerMetadata.path("issuer").asText()).isEqualTo(server.issuer());
        assertThat(get(api, "/v1/orders", token).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = get(api, "/v1/orders", withoutScope);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(resourceMetadata(forbidden)).isEqualTo(metadataUrl);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer realm=\"sentinel\", error=\"insufficient_scope\""));
    }

    @Test
    void aRemoteGuardPointsToTheMetadataOfAResourceAtTheHostRoot() throws Exception {
        ProtectedResource root = ProtectedResource.builder("http://localhost:8443")
                .authorizationServer(server.issuer()).build();
        TokenGuard remote = TokenGuard.remote(RemoteTokenVerifier.builder(server.issuer()).build()).build();
        toStop.add(remote);
        Javalin api = service(SentinelGuard.of(remote).protectedResource(root));

        HttpResponse<String> refused = get(api, "/v1/orders", "not-a-token");
        HttpResponse<String> metadata = get(api, "/.well-known/oauth-protected-resource", null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sentinel\", "
                + "error=\"invalid_token\", error_description=\"the access token is not valid\", "
                + "resource_metadata=\"http://localhost:8443/.well-known/oauth-protected-resource\"");
        assertThat(Json.parse(metadata.body()).toString()).isEqualTo("{\"resource\":\"http://localhost:8443\","
                + "\"authorization_servers\":[\"" + server.issuer() + "\"],\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void aGuardWithoutAProtectedResourceAddsNoMetadataToItsChallenges() throws Exception {
        Javalin api = service(SentinelGuard.of(server.tokenGuard()));

        HttpResponse<String> refused = get(api, "/v1/orders", null);

        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sentinel\"");
        assertThat(get(api, "/.well-known/oauth-protected-resource", null).statusCode()).isEqualTo(401);
    }

    private Javalin service(SentinelGuard guard) {
        Javalin api = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            try {
                guard.serveMetadata(config.routes);
            } catch (IllegalStateException noResource) {
                // the guard without metadata: nothing to serve
            }
            guard.protect(config.routes, "/*");
            config.routes.before("/v1/orders", guard.require("read:orders"));
            config.routes.get("/v1/orders", ctx -> ctx.result("[]"));
        }).start("127.0.0.1", 0);
        toStop.add(api::stop);
        return api;
    }

    private CreatedPass pass(String permissions) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("bot")
                .permissions(permissions).build());
    }

    private String token(String tokenEndpoint, CreatedPass pass, String scope) throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + encode(pass.credentials().clientId().value()) + "&client_secret="
                        + encode(pass.credentials().clientSecret().reveal()) + "&scope=" + encode(scope))).build());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return Json.parse(reply.body()).path("access_token").asText();
    }

    private static String resourceMetadata(HttpResponse<String> refused) {
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        Matcher matcher = RESOURCE_METADATA.matcher(challenge);
        assertThat(matcher.find()).as(challenge).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(Javalin api, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.sentinel.resource.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.resource.guard.ProtectedResource;
import dev.sentinel.resource.guard.TokenGuard;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet binding on a real Jetty servlet container over a real HTTP client: the guard decides (a local guard on an
 * in-memory Sentinel), the filter only answers, serves the RFC 9728 metadata and records.
 */
class SentinelFilterTest {

    private static final String RESOURCE = "http://127.0.0.1/mcp";

    private final Sentinel sentinel = Sentinel.builder().build();
    private final TokenService tokens = sentinel.tokens(TokenSettings.builder("https://sentinel.test", new byte[32])
            .audience(RESOURCE).build()).start();
    private final List<ActivityEvent> recorded = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server jetty;
    private URI base;

    @BeforeEach
    void startAContainerWithTheFilter() throws Exception {
        TokenGuard guard = TokenGuard.builder(tokens, recorded::add).stateTtl(Duration.ZERO).build();
        SentinelFilter filter = SentinelFilter.of(guard)
                .protectedResource(ProtectedResource.builder(RESOURCE).authorizationServer("https://sentinel.test")
                        .scopesSupported(List.of("tools:call")).build())
                .permissions(request -> request.getRequestURI().startsWith("/mcp/tools")
                        ? Optional.of("tools:call") : Optional.empty());
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(200);
                response.getWriter().write("hello from " + request.getRequestURI());
            }
        }), "/*");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void aRequestWithoutATokenIsRefusedWithAChallengeNamingTheMetadata() throws Exception {
        HttpResponse<String> refused = get("/mcp", null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sentinel\", "
                + "resource_metadata=\"http://127.0.0.1/.well-known/oauth-protected-resource/mcp\"");
        assertThat(refused.body()).isEqualTo("{\"error\":\"invalid_request\"}");
        assertThat(recorded).as("no pass to record it against").isEmpty();
    }

    @Test
    void theMetadataIsServedWithoutAToken() throws Exception {
        HttpResponse<String> metadata = get("/.well-known/oauth-protected-resource/mcp", null);

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(metadata.body()).isEqualTo("{\"resource\":\"http://127.0.0.1/mcp\",\"authorization_servers\":"
                + "[\"https://sentinel.test\"],\"scopes_supported\":[\"tools:call\"],\"bearer_methods_supported\":"
                + "[\"header\"]}");
    }

    @Test
    void aValidTokenReachesTheServletAndTheRequestIsRecordedAgainstItsPass() throws Exception {
        CreatedPass pass = pass("tools:list");

        HttpResponse<String> allowed = get("/mcp", token(pass));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("hello from /mcp");
        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.passId()).isEqualTo(pass.pass().passId());
            assertThat(event.success()).isTrue();
            assertThat(event.statusCode()).isEqualTo(200);
            assertThat(event.endpoint()).isEqualTo("/mcp");
            assertThat(event.clientIp()).contains("127.0.0.1");
        });
    }

    @Test
    void aPathThatNeedsAPermissionTheTokenLacksIs403AndRecordedAsAnError() throws Exception {
        CreatedPass pass = pass("tools:list");

        HttpResponse<String> forbidden = get("/mcp/tools/call", token(pass));

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).contains("error=\"insufficient_scope\""));
        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.success()).isFalse();
            assertThat(event.statusCode()).isEqualTo(403);
        });
        assertThat(get("/mcp/tools/call", token(pass("tools:call"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfARevokedPassIsRefusedAtOnceAndAForgedOneNeverPasses() throws Exception {
        CreatedPass pass = pass("tools:list");
        String token = token(pass);
        assertThat(get("/mcp", token).statusCode()).isEqualTo(200);

        sentinel.passes().revoke(pass.pass().passId());
        HttpResponse<String> revoked = get("/mcp", token);
        String[] parts = token.split("\\.");
        HttpResponse<String> forged = get("/mcp", parts[0] + "." + parts[1] + "." + parts[2].substring(2) + "AA");

        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("\"error\":\"invalid_token\"").contains("the pass is revoked");
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void aSpoofedForwardingHeaderFromAnUntrustedPeerChangesNothing() throws Exception {
        CreatedPass pass = pass("tools:list");

        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Authorization", "Bearer " + token(pass)).header("X-Forwarded-For", "203.0.113.9").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.clientIp()).contains("127.0.0.1"));
    }

    private CreatedPass pass(String permissions) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Servlet Agent").agentType("bot")
                .permissions(permissions).allowedAudiences(List.of(RESOURCE)).build());
    }

    private String token(CreatedPass pass) {
        return tokens.grant(TokenRequest.clientCredentials(pass.credentials().clientId().value(),
                pass.credentials().clientSecret().reveal()).build()).accessToken();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

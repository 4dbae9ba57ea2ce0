package dev.sentinel.http.guard;

import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.web.Json;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java examples of docs/resource-servers.md (the plain-Java verifier and the Javalin service with the
 * remote guard) and runs them against a live Sentinel server they know only by its URL, so the page cannot go stale.
 */
class ResourceServersDocTest {

    private static final String ADMIN = "resource-servers-doc-admin-0123456789";
    private static final String INGEST = "resource-servers-doc-ingest-0123456789";

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private final SentinelServer server = TestServer.builder(sentinel).port(0).adminToken(ADMIN).ingestToken(INGEST)
            .stopTimeout(Duration.ZERO).build().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Doc Agent")
            .agentType("bot").permissions("read:data,write:data").build());
    private URLClassLoader examples;

    @TempDir
    Path work;

    @BeforeEach
    void compileTheExamples() throws Exception {
        String doc = Files.readString(Path.of("../docs/resource-servers.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> sources = new ArrayList<>();
        while (block.find()) {
            if (block.group(1).contains("dev.sentinel.resource.servlet")) {
                continue; // the servlet example is compiled and run by the servlet module's ServletDocTest
            }
            Matcher type = Pattern.compile("public final class (\\w+)").matcher(block.group(1));
            if (type.find()) {
                Path source = work.resolve(type.group(1) + ".java");
                Files.writeString(source, block.group(1));
                sources.add(source.toString());
            }
        }
        assertThat(sources).extracting(path -> Path.of(path).getFileName().toString())
                .containsExactlyInAnyOrder("OrdersAuth.java", "OrdersService.java", "DiscoverableOrdersService.java");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", work.toString()));
        arguments.addAll(sources);
        int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        examples = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader());
    }

    @AfterEach
    void stop() throws Exception {
        examples.close();
        server.close();
    }

    @Test
    void thePlainJavaExampleAcceptsValidTokensAndRefusesTheRest() throws Exception {
        Object auth = examples.loadClass("OrdersAuth").getConstructor(String.class).newInstance(server.issuer());
        var status = auth.getClass().getMethod("status", String.class);

        assertThat(status.invoke(auth, "Bearer " + token("read:data write:data"))).isEqualTo(200);
        assertThat(status.invoke(auth, "Bearer " + tamper(token("read:data")))).isEqualTo(401);
        assertThat(status.invoke(auth, "Bearer " + token("write:data"))).isEqualTo(403);
        assertThat(status.invoke(auth, (Object) null)).isEqualTo(401);
    }

    @Test
    void theJavalinExampleProtectsItsRouteAndItsActivityReachesSentinel() throws Exception {
        Javalin app = (Javalin) examples.loadClass("OrdersService").getMethod("start", String.class, String.class, int.class)
                .invoke(null, server.issuer(), INGEST, 0);
        try {
            assertThat(get(app, token("read:data")).statusCode()).isEqualTo(200);
            assertThat(get(app, tamper(token("read:data"))).statusCode()).isEqualTo(401);
            assertThat(get(app, token("write:data")).statusCode()).isEqualTo(403);
        } finally {
            app.stop(); // sends the buffered activity
        }
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.baseUri()
                .resolve("/api/v1/passes/" + pass.pass().passId().value() + "/activity"))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode items = Json.parse(page.body()).path("items");
        assertThat(items.findValuesAsText("status_code")).containsExactlyInAnyOrder("200", "403");
        assertThat(items.findValuesAsText("endpoint")).containsOnly("/v1/orders");
    }

    @Test
    void theDiscoverableExampleLeadsAnAgentFromAChallengeToTheMetadataAndOnToTheIssuer() throws Exception {
        Javalin app = (Javalin) examples.loadClass("DiscoverableOrdersService")
                .getMethod("start", String.class, String.class, int.class)
                .invoke(null, server.issuer(), "https://api.example.com/orders", 0);
        try {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/orders/list")).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode metadata = Json.parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/.well-known/oauth-protected-resource/orders")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode issuer = Json.parse(http.send(HttpRequest.newBuilder(URI.create(metadata.path("authorization_servers")
                    .path(0).asText() + "/.well-known/oauth-authorization-server")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sentinel\", "
                    + "resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/orders\"");
            assertThat(metadata.path("resource").asText()).isEqualTo("https://api.example.com/orders");
            assertThat(metadata.path("scopes_supported").toString()).isEqualTo("[\"read:data\"]");
            assertThat(issuer.path("issuer").asText()).isEqualTo(server.issuer());
            assertThat(issuer.path("token_endpoint").asText()).isEqualTo(server.issuer() + "/oauth/token");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/orders/list"))
                    .header("Authorization", "Bearer " + token("read:data")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(Javalin app, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/orders"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((pass.credentials().clientId().value() + ":"
                + pass.credentials().clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private static String tamper(String token) {
        int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replacement + token.substring(middle + 1);
    }
}

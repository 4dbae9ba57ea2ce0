package dev.sentinel.resource.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the servlet example of docs/resource-servers.md and runs it in a real Jetty container against a live
 * Sentinel server it knows only by its URL: tokens from {@code POST /oauth/token}, verified through the JWKS, activity
 * posted back through the ingest API.
 */
class ServletDocTest {

    private static final String ADMIN = "servlet-doc-admin-token-0123456789ab";
    private static final String INGEST = "servlet-doc-ingest-token-0123456789a";

    private final Sentinel sentinel = Sentinel.builder().build();
    private final SentinelServer issuer = SentinelServer.of(SentinelNode.builder(sentinel, NodeSettings.builder()
            .port(0).adminToken(ADMIN).ingestToken(INGEST).stopTimeout(Duration.ZERO).build())
            .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server jetty;

    @TempDir
    Path work;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        issuer.close();
    }

    @Test
    void theDocumentedFilterProtectsAServletAndReportsItsActivity() throws Exception {
        URI api = startContainer();
        String resource = api.resolve("/orders").toString();
        Filter filter = compiledFilter(issuer.issuer(), resource);
        jetty.stop();
        jetty = container(filter, api.getPort());
        CreatedPass reader = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Reader")
                .agentType("bot").permissions("read:data").allowedAudiences(List.of(resource)).build());

        HttpResponse<String> anonymous = get(api.resolve("/orders"), null);
        HttpResponse<String> metadata = get(api.resolve("/.well-known/oauth-protected-resource/orders"), null);
        String token = token(reader, resource);
        HttpResponse<String> read = get(api.resolve("/orders"), token);
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(api.resolve("/orders"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .contains("resource_metadata=\"" + api.resolve("/.well-known/oauth-protected-resource/orders") + "\""));
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"resource\":\"" + resource + "\"")
                .contains("\"authorization_servers\":[\"" + issuer.issuer() + "\"]");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(write.statusCode()).as("writes need write:data").isEqualTo(403);

        jetty.stop(); // destroys the filter, whose guard sends what it buffered
        jetty = null;
        long recorded = issuer.node().activity().page(new ActivityFilter(reader.pass().passId(), java.util.Optional.of(
                dev.sentinel.core.domain.activity.ActivityType.API_REQUEST), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                new PageRequest(1, 10)).total();
        assertThat(recorded).as("the GET reported through the ingest API").isEqualTo(1);
    }

    /** A container on a free port whose only servlet answers 200; returns its base URI. */
    private URI startContainer() throws Exception {
        jetty = container(null, 0);
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    }

    private static Server container(Filter filter, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(200);
                response.getWriter().write("[]");
            }
        }), "/*");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The example, compiled from the page; {@code OrdersFilter.create(issuer, resource, ingestToken)}. */
    private Filter compiledFilter(String issuerUrl, String resource) throws Exception {
        String doc = Files.readString(Path.of("../docs/resource-servers.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        String source = null;
        while (block.find()) {
            if (block.group(1).contains("dev.sentinel.resource.servlet")) {
                source = block.group(1);
            }
        }
        assertThat(source).as("the servlet example on the page").isNotNull().contains("public final class OrdersFilter");
        Path file = work.resolve("OrdersFilter.java");
        Files.writeString(file, source);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-classpath",
                System.getProperty("java.class.path"), "-d", work.toString(), file.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader());
        return (Filter) loader.loadClass("OrdersFilter").getMethod("create", String.class, String.class, String.class)
                .invoke(null, issuerUrl, resource, INGEST);
    }

    private String token(CreatedPass pass, String resource) throws Exception {
        String basic = Base64.getEncoder().encodeToString((pass.credentials().clientId().value() + ":"
                + pass.credentials().clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(issuer.issuer()).resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&resource="
                        + URLEncoder.encode(resource, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(reply.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

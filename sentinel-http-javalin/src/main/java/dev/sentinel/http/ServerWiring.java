package dev.sentinel.http;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.activity.ActivityRoutes;
import dev.sentinel.http.admin.ManagementRoutes;
import dev.sentinel.http.metrics.MetricsRoutes;
import dev.sentinel.http.metrics.ServerMetrics;
import dev.sentinel.http.oauth.OAuthReplies;
import dev.sentinel.http.oauth.OAuthRoutes;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.problem.JsonErrorHandler;
import dev.sentinel.http.problem.Problems;
import dev.sentinel.http.sso.OidcRoutes;
import dev.sentinel.http.tls.ServerCertificate;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import dev.sentinel.http.web.Routes;
import dev.sentinel.resource.guard.ClientAddresses;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** Builds the Javalin app: every route, the body limits and the single mapping of failures to replies. */
final class ServerWiring {

    /** The largest request body accepted (413 beyond). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /**
     * How fast a request body must arrive, after {@link #BODY_GRACE}: a body of up to 64 KiB has to be all there within
     * the grace plus one second per KiB, or it is answered 408 (see {@link ArrivedBodies}). Three hundred sockets
     * trickling a body a byte at a time used to hold every worker thread and stop {@code /healthz} and grants
     * entirely; now they hold none while their bodies arrive, and lose their connections in bounded time. Measured on
     * arrival, never on when the server gets round to reading, so a busy server does not refuse rightful clients.
     */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1_024;
    /** The time any request body may take before its rate counts: a real client on the slowest link needs far less. */
    static final Duration BODY_GRACE = Duration.ofSeconds(10);
    /** A connection that sends nothing for this long is closed (headers trickling in keep no thread, only a socket). */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** Open connections at most; beyond it new ones wait in the accept queue. */
    static final int MAX_CONNECTIONS = 10_000;
    /**
     * Sent on every HTTPS reply: browsers use only HTTPS for this host for a year. No {@code includeSubDomains}: the
     * policy would bind hosts under Sentinel's name that it does not serve.
     */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private final SentinelNode node;
    private final ServerMetrics metrics;
    private final ClientAddresses clientAddresses;
    private Routes routes;
    private ServerCertificate https;
    private Server jetty;

    ServerWiring(SentinelNode node, ServerMetrics metrics) {
        this.node = node;
        this.metrics = metrics;
        this.clientAddresses = ClientAddresses.trusting(node.settings().trustedProxies());
    }

    Javalin create() {
        return Javalin.create(this::configure);
    }

    List<Routes.Route> routes() {
        return routes.registered();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(this::stopGracefully);
        config.jetty.modifyServer(ServerWiring::limitConnections);
        config.jetty.modifyServer(server -> jetty = server);
        config.events.serverStarting(this::bindBeforeStart);
        config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(IDLE_TIMEOUT_MILLIS));
        if (https != null) {
            config.jetty.addConnector(this::httpsConnector);
        }
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        });
        config.staticFiles.add(files -> {
            files.hostedPath = API_REFERENCE_PATH;
            files.directory = "/api-docs";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", API_REFERENCE_CSP);
        });
        config.staticFiles.enableWebjars();
        config.routes.exception(HttpResponseException.class, Problems::handle);
        config.routes.exception(Exception.class, Problems::handle);
        config.routes.exception(OAuthException.class, OAuthReplies::error);
        config.routes.before(metrics.requests()::start);
        config.routes.after(metrics.requests()::stop);
        // resolves the route before the admin guard runs, so that refused requests are timed under their route too
        config.routes.beforeMatched("/api/v1/*", ctx -> { });
        config.routes.before(Requests.resolveClientsWith(clientAddresses));
        config.routes.before(ServerWiring::limitBody);
        config.routes.before(ServerWiring::secureHeaders);
        // the session gate runs before the management API's guard: a valid session cookie names the caller
        dev.sentinel.http.session.SessionRoutes.gate(config.routes, node);
        ManagementRoutes.guard(config.routes, node);
        routes = new Routes(config.routes);
        OAuthRoutes.install(routes, node, metrics);
        ManagementRoutes.install(routes, node);
        dev.sentinel.http.session.SessionRoutes.install(routes, node);
        ActivityRoutes.install(routes, node);
        dev.sentinel.http.setup.SetupRoutes.install(routes, node);
        dev.sentinel.http.setup.SetupRoutes.installPage(config.routes);
        MetricsRoutes.install(routes, metrics, node.gate());
        OidcRoutes.install(routes, node);
        routes.get("/healthz", ctx -> Json.reply(ctx, 200, Map.of("status", "ok")));
        routes.get("/readyz", this::ready);
        routes.get("/api/v1/openapi.json", ServerWiring::openApi);
    }

    /** Serve HTTPS only, with this certificate (instead of Javalin's plain HTTP connector). */
    ServerWiring https(ServerCertificate certificate) {
        this.https = certificate;
        return this;
    }

    /**
     * Errors Jetty raises itself come back as JSON; request bodies are read as they arrive before any handler runs; on
     * stop, refuse new requests and give running ones up to the stop timeout to finish.
     */
    private void stopGracefully(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        ArrivedBodies bodies = new ArrivedBodies(MAX_BODY_BYTES, MIN_REQUEST_BYTES_PER_SECOND, BODY_GRACE,
                "/api/v1/activity");
        Duration stopTimeout = node.settings().stopTimeout();
        if (stopTimeout.isZero()) {
            server.setHandler(bodies);
        } else {
            server.setHandler(new GracefulHandler(bodies));
            server.setStopTimeout(stopTimeout.toMillis());
        }
    }

    /**
     * HTTP/1.1 over TLS with the plain connector's settings (the idle timeout comes with the HTTP
     * configuration; the connection limit and graceful stop are the server's). The SNI host check is off: a client that
     * reaches Sentinel by an address the certificate does not name (a health check by IP) has already accepted the
     * certificate, and a 400 would only break it.
     */
    private Connector httpsConnector(Server server, HttpConfiguration plain) {
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(https.sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(secure));
        connector.setHost(node.settings().host());
        connector.setPort(node.settings().port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return connector;
    }

    /**
     * Binds the listening sockets before Jetty starts, so that a port in use (or an address this machine does not have)
     * fails here, outside Javalin's start, which would log an ERROR "Failed to start Javalin" before the one-line
     * reason {@link CannotListenException} gives. Jetty's start keeps the sockets opened here.
     */
    private void bindBeforeStart() {
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                try {
                    network.open();
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            }
        }
    }

    private static void limitConnections(Server server) {
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector network) {
                network.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            }
        }
    }

    private void ready(Context ctx) {
        boolean reachable = node.isStoreReachable();
        Json.reply(ctx, reachable ? 200 : 503, Map.of("status", reachable ? "ready" : "unavailable"));
    }

    /** Paths whose replies are data, never a page: the strictest policy applies (the dashboard has its own). */
    private static final List<String> DATA_PATHS = List.of("/api/", "/oauth/", "/.well-known/", "/webjars/", "/metrics",
            "/healthz", "/readyz");
    static final String DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Where the API reference is served: a page outside {@code /api/}, which the admin guard and the data policy cover. */
    static final String API_REFERENCE_PATH = "/docs/api";
    /**
     * The API reference's own policy: its scripts and styles from this origin only (the page, its initializer, the
     * swagger-ui WebJar), nothing inline, requests only to this origin (the OpenAPI document), images as data URIs
     * (Swagger UI's icons).
     */
    static final String API_REFERENCE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * Every reply is never sniffed or referred; data replies may not be framed or run anything either; HTTPS replies
     * tell browsers to use nothing else.
     */
    private static void secureHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        if (DATA_PATHS.stream().anyMatch(ctx.path()::startsWith)) {
            ctx.header("Content-Security-Policy", DATA_CSP);
        }
    }

    private static void limitBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (ctx.path().equals("/api/v1/activity")) {
            return; // batch ingest reads its body itself, with its own larger limit
        }
        if (length > MAX_BODY_BYTES) {
            throw new HttpProblem(413, "the request body is larger than 64 KiB");
        }
    }

    private static void openApi(Context ctx) {
        ctx.contentType(Json.JSON).result(OpenApiDocument.BYTES);
    }

    /** The served document, read once: the resource with {@code info.version} set to this build's version. */
    private static final class OpenApiDocument {
        static final byte[] BYTES = read();

        private static byte[] read() {
            try (InputStream document = ServerWiring.class.getResourceAsStream("openapi.json");
                 InputStream version = ServerWiring.class.getResourceAsStream("version.properties")) {
                if (document == null || version == null) {
                    throw new IllegalStateException("openapi.json or version.properties is missing from the classpath");
                }
                com.fasterxml.jackson.databind.node.ObjectNode tree =
                        (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(document.readAllBytes());
                java.util.Properties build = new java.util.Properties();
                build.load(version);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("info"))
                        .put("version", build.getProperty("version"));
                return Json.bytes(tree);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}

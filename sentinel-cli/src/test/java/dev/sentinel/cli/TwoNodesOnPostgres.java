package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Two stateless nodes (real servers on free ports) over one fresh PostgreSQL schema, set up as the operations guide
 * says: same database, issuer and key-encryption key (and admin token, when given). Skipped without a PostgreSQL
 * server (see {@link TestPostgres}). Closing it stops both servers, closes their stores and drops the schema.
 */
final class TwoNodesOnPostgres implements AutoCloseable {

    static final String ISSUER = "https://sentinel.example.test";
    static final byte[] KEK = new byte[32];
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestPostgres postgres;
    private final Builder options;
    private SentinelServer a;
    private SentinelServer b;
    private final List<Sentinel> cores = new ArrayList<>();
    private final List<SentinelServer> servers = new ArrayList<>();

    private TwoNodesOnPostgres(TestPostgres postgres, Builder options) {
        this.postgres = postgres;
        this.options = options;
    }

    /** Set-up for a test; {@code purpose} names it in the skip message. */
    static Builder forTest(String purpose) {
        return new Builder(purpose);
    }

    SentinelServer a() {
        return a;
    }

    SentinelServer b() {
        return b;
    }

    /** The core library {@code server} runs on (acting as the library, not as the management API). */
    Sentinel core(SentinelServer server) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i) == server) {
                return cores.get(i);
            }
        }
        throw new IllegalArgumentException("not one of the two nodes: " + server);
    }

    /** A request with a JSON body (when not null) and the given header name/value pairs. */
    HttpResponse<String> send(SentinelServer server, String method, String path, String json, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on {@code server} with email and password; asserts it succeeded. */
    Session signIn(SentinelServer server, String email, String password) throws Exception {
        HttpResponse<String> signIn = send(server, "POST", "/api/v1/session",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(server, setCookie, setCookie.substring(0, setCookie.indexOf(';')),
                MAPPER.readTree(signIn.body()).path("csrf_token").asText());
    }

    /** A signed-in session on one node: its Set-Cookie header, the cookie to send back and its CSRF token. */
    final class Session {
        private final SentinelServer node;
        final String setCookie;
        final String cookie;
        final String csrf;

        private Session(SentinelServer node, String setCookie, String cookie, String csrf) {
            this.node = node;
            this.setCookie = setCookie;
            this.cookie = cookie;
            this.csrf = csrf;
        }

        /** A request on its node with the cookie, the Origin and the per-session token, as a browser sends it. */
        HttpResponse<String> send(String method, String path, String json) throws Exception {
            return TwoNodesOnPostgres.this.send(node, method, path, json, "Cookie", cookie, "Origin", ISSUER,
                    "X-CSRF-Token", csrf);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        } finally {
            postgres.close();
        }
    }

    private SentinelServer node(JdbiStorage storage) {
        open.add(storage);
        Sentinel.Builder sentinel = Sentinel.builder().storage(storage);
        if (options.keyEncryptionKeyInCore) {
            sentinel.keyEncryptionKey(KEK);
        }
        NodeSettings.Builder settings = NodeSettings.builder().port(0).issuer(ISSUER).keyEncryptionKey(KEK)
                .stopTimeout(Duration.ZERO);
        if (options.adminToken != null) {
            settings.adminToken(options.adminToken);
        }
        if (options.twoFactor != null) {
            settings.twoFactor(options.twoFactor);
        }
        Sentinel core = sentinel.build();
        SentinelServer server = SentinelServer.of(SentinelNode.builder(core, settings.build())
                .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
        open.add(server);
        cores.add(core);
        servers.add(server);
        return server;
    }

    /** What differs between the tests that use two nodes; everything else is the same. */
    static final class Builder {
        private final String purpose;
        private String adminToken;
        private TwoFactorRequirement twoFactor;
        private boolean keyEncryptionKeyInCore;
        private boolean openTogether;

        private Builder(String purpose) {
            this.purpose = purpose;
        }

        Builder adminToken(String value) {
            this.adminToken = value;
            return this;
        }

        Builder twoFactor(TwoFactorRequirement value) {
            this.twoFactor = value;
            return this;
        }

        /** The core too gets the key-encryption key (audit entries sealed, TOTP secrets encrypted). */
        Builder keyEncryptionKeyInCore() {
            this.keyEncryptionKeyInCore = true;
            return this;
        }

        /** Both stores opened at the same time, so both nodes race to migrate the new schema. */
        Builder openTogether() {
            this.openTogether = true;
            return this;
        }

        TwoNodesOnPostgres start() throws Exception {
            TestPostgres postgres = TestPostgres.freshSchema(purpose);
            TwoNodesOnPostgres nodes = new TwoNodesOnPostgres(postgres, this);
            try {
                DatabaseConfig config = DatabaseConfig.postgres(postgres.url(), postgres.user, postgres.password);
                if (openTogether) {
                    CompletableFuture<JdbiStorage> startingA = CompletableFuture.supplyAsync(() -> JdbiStorage.open(config));
                    CompletableFuture<JdbiStorage> startingB = CompletableFuture.supplyAsync(() -> JdbiStorage.open(config));
                    nodes.a = nodes.node(startingA.join());
                    nodes.b = nodes.node(startingB.join());
                } else {
                    nodes.a = nodes.node(JdbiStorage.open(config));
                    nodes.b = nodes.node(JdbiStorage.open(config));
                }
                return nodes;
            } catch (Exception | Error e) {
                nodes.close();
                throw e;
            }
        }
    }
}

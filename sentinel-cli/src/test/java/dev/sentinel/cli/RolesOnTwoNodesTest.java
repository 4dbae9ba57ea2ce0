package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.port.in.CreateAccountCommand;
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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: a role taken away on node A (a project admin made viewer, a member removed, an
 * owner no longer one) is refused to the account's session on node B within 5 seconds (the bound access keys and the
 * admin token keep). The session's caller is read from the store on every request, so it holds at once.
 */
class RolesOnTwoNodesTest {

    private static final String ADMIN = "two-nodes-roles-admin-token-0123456789abcdef";
    private static final String ISSUER = "https://sentinel.example.test";
    private static final byte[] KEK = new byte[32];
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "a long walk by the river";
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private TestPostgres postgres;
    private SentinelServer a;
    private SentinelServer b;

    @BeforeEach
    void twoNodes() throws Exception {
        postgres = TestPostgres.freshSchema("the roles on two nodes test");
        DatabaseConfig config = DatabaseConfig.postgres(postgres.url(), postgres.user, postgres.password);
        a = node(JdbiStorage.open(config));
        b = node(JdbiStorage.open(config));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anAdminMadeViewerOnOneNodeIsRefusedWritesOnTheOtherWithinFiveSeconds() throws Exception {
        Session ada = projectAdminSignedInOnB();
        assertThat(ada.createPass().statusCode()).as("as admin it creates passes on B").isEqualTo(201);

        assertThat(bearer(a, "PUT", "/api/v1/projects/alpha/members/ada@example.com", "{\"role\": \"viewer\"}")
                .statusCode()).isEqualTo(200);

        assertRefusedWithinBound(() -> ada.createPass().statusCode(), 403);
        assertThat(ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode()).as("still a viewer")
                .isEqualTo(200);
    }

    @Test
    void aMemberRemovedOnOneNodeNoLongerSeesTheProjectOnTheOtherWithinFiveSeconds() throws Exception {
        Session ada = projectAdminSignedInOnB();
        assertThat(ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode()).isEqualTo(200);

        assertThat(bearer(a, "DELETE", "/api/v1/projects/alpha/members/ada@example.com", null).statusCode())
                .isEqualTo(204);

        assertRefusedWithinBound(() -> ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode(), 404);
        assertThat(ada.createPass().statusCode()).as("nor may it write there").isEqualTo(404);
    }

    @Test
    void anOwnerRoleRemovedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        Account ada = a.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true,
                PASSWORD.toCharArray()));
        Session session = signIn(b);
        assertThat(session.createProject().statusCode()).as("an owner creates projects").isEqualTo(201);

        a.node().accounts().setOwner(ada.id(), false);

        assertRefusedWithinBound(() -> session.createProject().statusCode(), 403);
    }

    private Session projectAdminSignedInOnB() throws Exception {
        a.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", false, PASSWORD.toCharArray()));
        assertThat(bearer(a, "POST", "/api/v1/projects", "{\"name\": \"alpha\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> member = bearer(a, "PUT", "/api/v1/projects/alpha/members/ada@example.com",
                "{\"role\": \"admin\"}");
        assertThat(member.statusCode()).as(member.body()).isIn(200, 201);
        return signIn(b);
    }

    /** Polls until the expected refusal; the last request still let through was sent within the bound. */
    private static void assertRefusedWithinBound(Callable<Integer> request, int refused) throws Exception {
        long changedAt = System.nanoTime();
        long lastAccepted = changedAt;
        long sent = System.nanoTime();
        int status = request.call();
        while (status != refused && System.nanoTime() - changedAt < BOUND.plusSeconds(2).toNanos()) {
            lastAccepted = sent;
            Thread.sleep(50);
            sent = System.nanoTime();
            status = request.call();
        }
        assertThat(status).as("refused on B").isEqualTo(refused);
        assertThat(Duration.ofNanos(lastAccepted - changedAt)).as("let through on B no later than 5 s after the change")
                .isLessThan(BOUND);
    }

    private Session signIn(SentinelServer node) throws Exception {
        HttpResponse<String> signIn = send(node, "POST", "/api/v1/session",
                "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(node, setCookie.substring(0, setCookie.indexOf(';')),
                MAPPER.readTree(signIn.body()).path("csrf_token").asText());
    }

    /** A signed-in session on one node: its cookie, Origin and per-session token on every request. */
    private final class Session {
        private final SentinelServer node;
        private final String cookie;
        private final String csrf;

        Session(SentinelServer node, String cookie, String csrf) {
            this.node = node;
            this.cookie = cookie;
            this.csrf = csrf;
        }

        HttpResponse<String> createPass() throws Exception {
            return send("POST", "/api/v1/projects/alpha/passes",
                    "{\"agent_name\": \"Orders Agent\", \"agent_type\": \"Sourcing Agent\"}");
        }

        HttpResponse<String> createProject() throws Exception {
            return send("POST", "/api/v1/projects", "{\"name\": \"made-" + names.incrementAndGet() + "\"}");
        }

        HttpResponse<String> send(String method, String path, String json) throws Exception {
            return RolesOnTwoNodesTest.this.send(node, method, path, json, "Cookie", cookie, "Origin", ISSUER,
                    "X-CSRF-Token", csrf);
        }
    }

    private HttpResponse<String> bearer(SentinelServer node, String method, String path, String json) throws Exception {
        return send(node, method, path, json, "Authorization", "Bearer " + ADMIN);
    }

    private SentinelServer node(JdbiStorage storage) {
        open.add(storage);
        Sentinel sentinel = Sentinel.builder().storage(storage).keyEncryptionKey(KEK).build();
        NodeSettings settings = NodeSettings.builder().port(0).issuer(ISSUER).adminToken(ADMIN).keyEncryptionKey(KEK)
                .twoFactor(TwoFactorRequirement.NONE).stopTimeout(Duration.ZERO).build();
        SentinelServer server = SentinelServer.of(SentinelNode.builder(sentinel, settings)
                .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
        open.add(server);
        return server;
    }

    private HttpResponse<String> send(SentinelServer server, String method, String path, String json,
                                      String... headers) throws Exception {
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
}

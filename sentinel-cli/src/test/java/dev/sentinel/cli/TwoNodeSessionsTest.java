package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.TwoFactorRequirement;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions on two stateless nodes over one PostgreSQL database: a sign-in on node A is a session on node B (same
 * cookie, same CSRF token), and a sign-out on A is refused on B at once (no cache: every request reads the store).
 */
class TwoNodeSessionsTest {

    private static final String ISSUER = "https://sentinel.example.test";
    private static final byte[] KEK = new byte[32];
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "a long walk by the river";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestPostgres postgres;

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
    void aSessionBegunOnOneNodeWorksOnTheOtherAndItsSignOutCountsThereAtOnce() throws Exception {
        postgres = TestPostgres.freshSchema("the two-node sessions test");
        DatabaseConfig config = DatabaseConfig.postgres(postgres.url(), postgres.user, postgres.password);
        SentinelServer a = node(JdbiStorage.open(config));
        SentinelServer b = node(JdbiStorage.open(config));
        a.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true, PASSWORD.toCharArray()));

        HttpResponse<String> signIn = send(a, "POST", "/api/v1/session",
                "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        // the issuer is https, so the cookie is the __Host- one even over this loopback http
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("__Host-sentinel_session=").contains("; Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = MAPPER.readTree(signIn.body()).path("csrf_token").asText();

        HttpResponse<String> onB = send(b, "GET", "/api/v1/session", null, "Cookie", cookie);
        assertThat(onB.statusCode()).as("signed in on A, used on B").isEqualTo(200);
        assertThat(MAPPER.readTree(onB.body()).path("csrf_token").asText()).isEqualTo(csrf);

        HttpResponse<String> out = send(a, "DELETE", "/api/v1/session", null, "Cookie", cookie, "Origin", ISSUER,
                "X-CSRF-Token", csrf);
        assertThat(out.statusCode()).isEqualTo(204);

        assertThat(send(b, "GET", "/api/v1/session", null, "Cookie", cookie).statusCode())
                .as("signed out on A, refused on B").isEqualTo(401);
    }

    private SentinelServer node(JdbiStorage storage) {
        open.add(storage);
        Sentinel sentinel = Sentinel.builder().storage(storage).build();
        NodeSettings settings = NodeSettings.builder().port(0).issuer(ISSUER).keyEncryptionKey(KEK)
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

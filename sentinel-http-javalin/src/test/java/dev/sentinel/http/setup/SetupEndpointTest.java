package dev.sentinel.http.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.access.IssuedSetupLink;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The set-up page and {@code POST /api/v1/setup} on a real server with a real client: a first-run link creates the
 * owner once, a second use is refused, a link older than 24 hours (the clock moved) is refused; the page is served
 * with its own strict policy and without the token (which stays in the URL fragment).
 */
class SetupEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "a long walk by the river";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).clock(clock).build();
    private final HttpClient client = HttpClient.newHttpClient();
    private SentinelServer server;

    @BeforeEach
    void start() {
        server = TestServer.builder(sentinel).port(0).keyEncryptionKey(new byte[32]).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFirstRunLinkCreatesTheOwnerOnceWithoutAnyBearerToken() throws Exception {
        IssuedSetupLink link = server.node().setupLinks().issueFirstOwner().orElseThrow();
        assertThat(link.url(server.baseUri().toString())).contains("/setup#token=");

        HttpResponse<String> checked = post("/api/v1/setup/check", Map.of("token", link.token()));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(checked.body()).get("first_owner").asBoolean()).isTrue();

        HttpResponse<String> weak = post("/api/v1/setup", Map.of("token", link.token(), "email", "root@example.com",
                "password", "root-short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("\"field\":\"password\"");

        HttpResponse<String> done = post("/api/v1/setup", Map.of("token", link.token(), "email", "root@example.com",
                "password", PASSWORD, "display_name", "Root"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode account = MAPPER.readTree(done.body());
        assertThat(account.get("owner").asBoolean()).isTrue();
        assertThat(account.get("sign_in").asText()).isEqualTo("/");
        assertThat(done.body()).doesNotContain(PASSWORD);
        assertThat(sentinel.accounts().checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray())).isPresent();

        HttpResponse<String> again = post("/api/v1/setup", Map.of("token", link.token(), "email", "eve@example.com",
                "password", "another long passphrase"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("\"field\":\"token\"");
        assertThat(sentinel.accounts().list()).hasSize(1);
    }

    @Test
    void aLinkOlderThan24HoursIsRefused() throws Exception {
        IssuedSetupLink link = server.node().setupLinks().issueFirstOwner().orElseThrow();
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        HttpResponse<String> late = post("/api/v1/setup", Map.of("token", link.token(), "email", "root@example.com",
                "password", PASSWORD));

        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("\"field\":\"token\"");
        assertThat(sentinel.accounts().list()).isEmpty();
        assertThat(post("/api/v1/setup/check", Map.of("token", link.token())).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownFieldsAndGuessedTokensAreRefused() throws Exception {
        HttpResponse<String> guessed = post("/api/v1/setup", Map.of("token", "sst_guessed", "password", PASSWORD,
                "role", "owner"));

        assertThat(guessed.statusCode()).isEqualTo(400);
        assertThat(guessed.body()).contains("\"field\":\"role\"");
        assertThat(post("/api/v1/setup", Map.of("token", "sst_guessed", "password", PASSWORD)).body())
                .contains("\"field\":\"token\"");
    }

    @Test
    void thePageIsServedWithItsOwnPolicyAndNeverAsksTheServerForTheToken() throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/setup")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/setup/setup.js"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SetupRoutes.PAGE_CSP);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<script src=\"/setup/setup.js\"").doesNotContain("<script>");
        assertThat(script.body()).contains("window.location.hash").contains("history.replaceState");
    }
}

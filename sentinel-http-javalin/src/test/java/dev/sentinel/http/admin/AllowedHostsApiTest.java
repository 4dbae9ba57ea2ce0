package dev.sentinel.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/allowed-hosts} on a real server over a real client: owners add, list and remove hosts (audited),
 * a bad host is a 400 naming the field, a project admin is refused with 403, and the node's fetcher reads the list.
 */
class AllowedHostsApiTest {

    private static final String ADMIN = "allowed-hosts-admin-token-0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage();
    private final HttpClient http = HttpClient.newHttpClient();
    private SentinelServer server;

    @BeforeEach
    void start() {
        Sentinel sentinel = Sentinel.builder().storage(storage).clock(clock).keyEncryptionKey(new byte[32])
                .hasher(dev.sentinel.core.adapter.crypto.CredentialHashers.named("sha256")).build();
        server = TestServer.builder(sentinel).port(0).adminToken(ADMIN).stopTimeout(Duration.ZERO).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOwnerAddsListsAndRemovesAllowedHostsAudited() {
        HttpResponse<String> added = send("PUT", "/api/v1/allowed-hosts/Issuer.Internal.Example", ADMIN);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(Json.parse(added.body()).path("host").asText()).isEqualTo("issuer.internal.example");
        assertThat(send("PUT", "/api/v1/allowed-hosts/issuer.internal.example", ADMIN).statusCode()).isEqualTo(200);

        JsonNode listed = Json.parse(send("GET", "/api/v1/allowed-hosts", ADMIN).body());
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertThat(listed.path("items").get(0).path("added_at").asText()).isEqualTo("2026-12-07T12:00:00.000Z");
        assertThat(server.node().allowedHosts().current()).containsExactly("issuer.internal.example");

        assertThat(send("DELETE", "/api/v1/allowed-hosts/issuer.internal.example", ADMIN).statusCode()).isEqualTo(204);
        HttpResponse<String> again = send("DELETE", "/api/v1/allowed-hosts/issuer.internal.example", ADMIN);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("is not allowed");
        List<AuditEntry> audit = storage.read(session -> session.audit().recent(20));
        assertThat(audit).extracting(AuditEntry::action)
                .filteredOn(action -> action.startsWith("allowed_host.")).containsExactlyInAnyOrder(
                        "allowed_host.add", "allowed_host.remove");
    }

    @Test
    void aBadHostIsRefusedNamingTheFieldAndNothingIsWritten() {
        HttpResponse<String> refused = send("PUT", "/api/v1/allowed-hosts/*.example.com", ADMIN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.parse(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("host");
        assertThat(Json.parse(send("GET", "/api/v1/allowed-hosts", ADMIN).body()).path("total").asInt()).isZero();
    }

    @Test
    void onlyOwnersManageAllowedHosts() {
        assertThat(send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"alpha\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> created = send("POST", "/api/v1/access-keys", ADMIN,
                "{\"name\": \"alpha-admin\", \"role\": \"admin\", \"projects\": [\"alpha\"]}");
        String projectAdmin = Json.parse(created.body()).path("key").asText();

        for (String[] call : List.of(new String[] {"GET", "/api/v1/allowed-hosts"},
                new String[] {"PUT", "/api/v1/allowed-hosts/issuer.internal.example"},
                new String[] {"DELETE", "/api/v1/allowed-hosts/issuer.internal.example"})) {
            HttpResponse<String> refused = send(call[0], call[1], projectAdmin);
            assertThat(refused.statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
            assertThat(Json.parse(refused.body()).path("role_needed").asText()).isEqualTo("owner");
        }
        assertThat(send("GET", "/api/v1/allowed-hosts", null).statusCode()).isEqualTo(401);
        assertThat(server.node().allowedHosts().list()).isEmpty();
    }

    @Test
    void theNodesFetcherStopsRefusingAnAllowedHostsAddress() {
        URI keys = URI.create("https://127.0.0.1:1/keys");
        assertThat(fetchFailure(keys)).contains("a loopback address");

        assertThat(send("PUT", "/api/v1/allowed-hosts/127.0.0.1", ADMIN).statusCode()).isEqualTo(201);

        assertThat(fetchFailure(URI.create("https://127.0.0.1:1/keys?after"))).doesNotContain("loopback address")
                .contains("failed");
    }

    private String fetchFailure(URI uri) {
        try {
            server.node().keySources().jwksUri(uri).keys(Optional.empty());
            throw new AssertionError("the fetch of " + uri + " should fail");
        } catch (dev.sentinel.core.fetch.KeysUnavailableException failed) {
            return failed.getMessage();
        }
    }

    private HttpResponse<String> send(String method, String path, String token) {
        return send(method, path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}

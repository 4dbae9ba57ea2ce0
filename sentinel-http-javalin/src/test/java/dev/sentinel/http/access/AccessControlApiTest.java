package dev.sentinel.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management API decides every route through core Authorization: the attacks of issue 22 performed over a real
 * server and client — a viewer key writing, a project-A admin reaching into project B, an ingest key reporting for B,
 * server evidence and a non-address, an expired key — and the legacy tokens still working.
 */
class AccessControlApiTest {

    private static final String ADMIN = "access-admin-token-0123456789abcdef";
    private static final String INGEST = "access-ingest-token-0123456789abcdef";
    private static final String METRICS = "access-metrics-token-0123456789abcdef";
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryStorage storage = new InMemoryStorage();
    private final HttpClient http = HttpClient.newHttpClient();
    private Sentinel sentinel;
    private SentinelServer server;
    private String alphaPass;
    private String betaPass;

    @BeforeEach
    void start() {
        sentinel = Sentinel.builder().storage(storage).clock(clock).keyEncryptionKey(new byte[32])
                .hasher(dev.sentinel.core.adapter.crypto.CredentialHashers.named("sha256")).build();
        server = TestServer.builder(sentinel).port(0).adminToken(ADMIN).ingestToken(INGEST).metricsToken(METRICS)
                .stopTimeout(Duration.ZERO).build().start();
        assertThat(send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"alpha\", \"display_name\": \"Alpha\"}")
                .statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"beta\"}").statusCode()).isEqualTo(201);
        alphaPass = createPass("alpha", ADMIN);
        betaPass = createPass("beta", ADMIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String createPass(String project, String token) {
        HttpResponse<String> created = send("POST", "/api/v1/projects/" + project + "/passes", token,
                "{\"agent_name\": \"Agent\", \"agent_type\": \"Sourcing Agent\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).path("pass").path("pass_id").asText();
    }

    private String key(String name, String role, String projectsJson) {
        return key(name, role, projectsJson, null);
    }

    private String key(String name, String role, String projectsJson, String expiresAt) {
        String body = "{\"name\": \"" + name + "\", \"role\": \"" + role + "\""
                + (projectsJson == null ? "" : ", \"projects\": " + projectsJson)
                + (expiresAt == null ? "" : ", \"expires_at\": \"" + expiresAt + "\"") + "}";
        HttpResponse<String> created = send("POST", "/api/v1/access-keys", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).path("key").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    private static String event(String passId, String type, String clientIp) {
        return "{\"pass_id\": \"" + passId + "\", \"type\": \"" + type + "\", \"started_at\": \"2026-11-26T09:59:00Z\", "
                + "\"endpoint\": \"/v1/orders\", \"http_method\": \"GET\", \"success\": true, \"status_code\": 200, "
                + "\"duration_ms\": 12, \"client_ip\": " + (clientIp == null ? "null" : "\"" + clientIp + "\"") + "}";
    }

    private long stored(String passId) {
        return storage.read(session -> session.activity().find(ActivityFilter.all(PassId.of(passId)),
                new PageRequest(1, 100)).total());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        Json.parse(response.body()).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** Every write endpoint, as (method, path, body). */
    private List<String[]> writes() {
        String pass = "/api/v1/passes/" + alphaPass;
        return List.of(
                new String[] {"POST", "/api/v1/projects", "{\"name\": \"gamma\"}"},
                new String[] {"DELETE", "/api/v1/projects/alpha", null},
                new String[] {"POST", "/api/v1/projects/alpha/passes", "{\"agent_name\": \"X\", \"agent_type\": \"Sourcing Agent\"}"},
                new String[] {"PATCH", pass, "{\"allowed_ips\": [\"10.0.0.0/8\"]}"},
                new String[] {"DELETE", pass, null},
                new String[] {"POST", pass + "/credentials/regenerate", null},
                new String[] {"POST", pass + "/toggle", null},
                new String[] {"POST", pass + "/revoke", null},
                new String[] {"POST", pass + "/activate", null},
                new String[] {"PUT", "/api/v1/projects/alpha/members/ann@example.com", "{\"role\": \"admin\"}"},
                new String[] {"DELETE", "/api/v1/projects/alpha/members/ann@example.com", null},
                new String[] {"POST", "/api/v1/access-keys", "{\"name\": \"mine\", \"role\": \"owner\"}"},
                new String[] {"DELETE", "/api/v1/access-keys/key_0000000000000000", null},
                new String[] {"POST", "/api/v1/activity", "[" + event(alphaPass, "api_request", "203.0.113.7") + "]"});
    }

    @Test
    void aViewerKeyIsRefusedEveryWriteWith403NamingTheRoleAndNothingChanges() {
        sentinel.accounts().create(new CreateAccountCommand("ann@example.com", "Ann", false, null));
        String viewer = key("alpha-viewer", "viewer", "[\"alpha\"]");
        String passBefore = get("/api/v1/passes/" + alphaPass, ADMIN).body();

        for (String[] write : writes()) {
            HttpResponse<String> refused = send(write[0], write[1], viewer, write[2]);
            assertProblem(refused, 403);
            JsonNode problem = Json.parse(refused.body());
            assertThat(problem.path("role_needed").asText()).as(write[0] + " " + write[1])
                    .isIn("admin", "owner", "ingest");
            assertThat(problem.path("detail").asText()).contains("needs the role " + problem.path("role_needed").asText());
        }

        assertThat(get("/api/v1/passes/" + alphaPass, viewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/projects/alpha/passes", viewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/passes/" + alphaPass, ADMIN).body()).isEqualTo(passBefore);
        assertThat(Json.parse(get("/api/v1/projects", ADMIN).body()).path("total").asInt()).isEqualTo(2);
        assertThat(stored(alphaPass)).isZero();
    }

    @Test
    void aProjectAdminOfAlphaFindsNothingOfBetaAndChangesNothingThere() {
        String admin = key("alpha-admin", "admin", "[\"alpha\"]");
        HttpResponse<String> missingPass = get("/api/v1/passes/SP-2026-ZZZZZZ", admin);

        JsonNode projects = Json.parse(get("/api/v1/projects", admin).body());
        assertThat(projects.path("total").asInt()).isEqualTo(1);
        assertThat(projects.path("items").get(0).path("name").asText()).isEqualTo("alpha");
        assertThat(projects.path("items").get(0).path("role").asText()).isEqualTo("admin");
        String beta = "/api/v1/passes/" + betaPass;
        for (HttpResponse<String> hidden : List.of(get(beta, admin), get(beta + "/permissions", admin),
                get(beta + "/usage", admin), get(beta + "/activity", admin), get(beta + "/activity/export", admin),
                send("POST", beta + "/toggle", admin, null), send("POST", beta + "/revoke", admin, null),
                send("DELETE", beta, admin, null), send("POST", beta + "/credentials/regenerate", admin, null),
                send("PATCH", beta, admin, "{\"allowed_ips\": []}"),
                get("/api/v1/projects/beta/passes", admin), get("/api/v1/projects/beta/members", admin),
                send("PUT", "/api/v1/projects/beta/members/ann@example.com", admin, "{\"role\": \"viewer\"}"),
                send("POST", "/api/v1/projects/beta/passes", admin, "{\"agent_name\": \"X\", \"agent_type\": \"Sourcing Agent\"}"),
                send("POST", "/api/v1/projects/gamma/passes", admin, "{\"agent_name\": \"X\", \"agent_type\": \"Sourcing Agent\"}"))) {
            assertProblem(hidden, 404);
        }
        // a pass of beta reads exactly as a pass that does not exist
        assertProblem(missingPass, 404);
        assertThat(Json.parse(get(beta, admin).body()).path("detail").asText())
                .isEqualTo(Json.parse(missingPass.body()).path("detail").asText().replace("SP-2026-ZZZZZZ", betaPass));
        assertThat(Json.parse(get(beta, ADMIN).body()).path("pass").path("status").asText()).isEqualTo("active");
        assertThat(Json.parse(get("/api/v1/projects", ADMIN).body()).path("total").asInt()).isEqualTo(2);

        // in alpha the admin acts, and the audit trail names the key
        assertThat(send("POST", "/api/v1/passes/" + alphaPass + "/toggle", admin, null).statusCode()).isEqualTo(200);
        JsonNode audit = Json.parse(get("/api/v1/audit?action=pass.toggle", ADMIN).body());
        assertThat(audit.path("items").get(0).path("actor").asText()).isEqualTo("alpha-admin");
        // an owner creating a pass in a missing project creates it, as the admin token always did
        createPass("gamma", ADMIN);
        assertThat(Json.parse(get("/api/v1/projects", ADMIN).body()).path("total").asInt()).isEqualTo(3);
    }

    @Test
    void anIngestKeyReportsOnlyForItsProjectsOnlyWhatAResourceServerSeesAndOnlyWithAnAddress() {
        String ingest = key("alpha-ingest", "ingest", "[\"alpha\"]");

        HttpResponse<String> otherProject = send("POST", "/api/v1/activity", ingest,
                "[" + event(betaPass, "api_request", "203.0.113.7") + "]");
        HttpResponse<String> missingPass = send("POST", "/api/v1/activity", ingest,
                "[" + event("SP-2026-ZZZZZZ", "api_request", "203.0.113.7") + "]");
        HttpResponse<String> serverEvidence = send("POST", "/api/v1/activity", ingest,
                "[" + event(alphaPass, "token_generation", "203.0.113.7") + "]");
        HttpResponse<String> notAnAddress = send("POST", "/api/v1/activity", ingest,
                "[" + event(alphaPass, "api_request", "not-an-ip") + "]");
        HttpResponse<String> notAnAddressFromTheOwner = send("POST", "/api/v1/activity", ADMIN,
                "[" + event(alphaPass, "api_request", "not-an-ip") + "]");

        assertProblem(otherProject, 422);
        assertThat(fields(otherProject)).containsExactly("[0].pass_id");
        assertProblem(missingPass, 422);
        assertThat(Json.parse(missingPass.body()).path("errors"))
                .isEqualTo(Json.parse(otherProject.body()).path("errors"));
        assertProblem(serverEvidence, 422);
        assertThat(fields(serverEvidence)).containsExactly("[0].type");
        assertProblem(notAnAddress, 422);
        assertThat(fields(notAnAddress)).containsExactly("[0].client_ip");
        assertProblem(notAnAddressFromTheOwner, 422);
        assertThat(fields(notAnAddressFromTheOwner)).containsExactly("[0].client_ip");
        assertThat(stored(alphaPass)).isZero();
        assertThat(stored(betaPass)).isZero();

        assertThat(send("POST", "/api/v1/activity", ingest, "[" + event(alphaPass, "api_request", "2001:db8::7") + ","
                + event(alphaPass, "error", null) + "]").statusCode()).isEqualTo(200);
        assertThat(stored(alphaPass)).isEqualTo(2);
        assertProblem(get("/api/v1/projects", ingest), 403);
        assertProblem(get("/api/v1/passes/" + alphaPass, ingest), 403);
    }

    @Test
    void theLegacyTokensKeepWorkingAsBefore() {
        assertThat(send("POST", "/api/v1/activity", INGEST, "[" + event(betaPass, "token_generation", "203.0.113.7")
                + "," + event(alphaPass, "api_request", "203.0.113.8") + "]").statusCode()).isEqualTo(200);
        assertThat(stored(alphaPass) + stored(betaPass)).isEqualTo(2);
        assertThat(get("/api/v1/projects", INGEST).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/passes/" + betaPass, ADMIN).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/passes/" + betaPass + "/toggle", ADMIN, null).statusCode()).isEqualTo(200);
        JsonNode audit = Json.parse(get("/api/v1/audit?action=pass.toggle", ADMIN).body());
        assertThat(audit.path("items").get(0).path("actor").asText()).isEqualTo("admin-api");
    }

    @Test
    void everyIngestedEventNamesWhoReportedItInTheLogAndTheExportAndTheServersOwnNameNoOne() {
        String ingest = key("edge-gateway", "ingest", "[\"alpha\"]");
        assertThat(send("POST", "/api/v1/activity", ingest, "[" + event(alphaPass, "api_request", "203.0.113.7") + "]")
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/activity", INGEST, "[" + event(alphaPass, "api_request", "203.0.113.8") + "]")
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/activity", ADMIN, "[" + event(alphaPass, "api_request", "203.0.113.9") + "]")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> forged = send("POST", "/api/v1/activity", ingest, "[" + event(alphaPass, "api_request",
                "203.0.113.7").replace("}", ", \"reported_by\": \"sentinel-server\"}") + "]");
        assertProblem(forged, 400);
        assertThat(fields(forged)).containsExactly("[0].reported_by");

        JsonNode log = Json.parse(get("/api/v1/passes/" + alphaPass + "/activity", ADMIN).body());
        List<String> reporters = new ArrayList<>();
        log.path("items").forEach(item -> reporters.add(item.path("client_ip").asText() + " " + item.path("reported_by")
                .asText()));
        assertThat(reporters).containsExactlyInAnyOrder("203.0.113.7 edge-gateway", "203.0.113.8 ingest-token",
                "203.0.113.9 admin-api");
        String csv = get("/api/v1/passes/" + alphaPass + "/activity/export?format=csv", ADMIN).body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",metadata,reported_by");
        assertThat(get("/api/v1/passes/" + alphaPass + "/activity/export?format=jsonl", ADMIN).body().lines()
                .map(line -> Json.parse(line).path("reported_by").asText())).contains("edge-gateway", "ingest-token");
    }

    @Test
    void anExpiredKeyIsRefusedWith401() {
        String soon = key("short-lived", "owner", null, START.plus(Duration.ofHours(1)).toString());
        assertThat(get("/api/v1/projects", soon).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        HttpResponse<String> expired = get("/api/v1/projects", soon);
        assertProblem(expired, 401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("invalid_token"));
    }

    @Test
    void accessKeysAreShownOnceListedWithoutTheKeyAndRevokedAtOnce() {
        HttpResponse<String> created = send("POST", "/api/v1/access-keys", ADMIN,
                "{\"name\": \"ci\", \"role\": \"viewer\", \"projects\": [\"alpha\"], \"expires_at\": \"2027-01-31T00:00:00Z\"}");
        JsonNode key = Json.parse(created.body());
        String secret = key.path("key").asText();
        assertThat(secret).startsWith("sak_");
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/api/v1/passes/" + alphaPass, secret).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = get("/api/v1/access-keys", ADMIN);
        assertThat(listed.body()).doesNotContain(secret);
        JsonNode item = Json.parse(listed.body()).path("items").get(0);
        assertThat(item.path("name").asText()).isEqualTo("ci");
        assertThat(item.path("role").asText()).isEqualTo("viewer");
        assertThat(item.path("projects").get(0).asText()).isEqualTo("alpha");
        assertThat(item.path("expires_at").asText()).isEqualTo("2027-01-31T00:00:00.000Z");
        assertThat(item.has("key")).isFalse();

        HttpResponse<String> invalid = send("POST", "/api/v1/access-keys", ADMIN,
                "{\"name\": \"\", \"role\": \"boss\", \"expires_at\": \"yesterday\"}");
        assertProblem(invalid, 400);
        assertThat(fields(invalid)).contains("name", "role", "expires_at");

        assertThat(send("DELETE", "/api/v1/access-keys/" + key.path("id").asText(), ADMIN, null).statusCode())
                .isEqualTo(204);
        assertProblem(get("/api/v1/passes/" + alphaPass, secret), 401);
        assertProblem(send("DELETE", "/api/v1/access-keys/" + key.path("id").asText(), ADMIN, null), 404);
    }

    @Test
    void membersAreManagedByTheProjectsAdminsAndTheirRolesTakeEffect() {
        sentinel.accounts().create(new CreateAccountCommand("ann@example.com", "Ann", false, null));
        String admin = key("alpha-admin", "admin", "[\"alpha\"]");

        HttpResponse<String> put = send("PUT", "/api/v1/projects/alpha/members/ann@example.com", admin,
                "{\"role\": \"viewer\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(Json.parse(put.body()).path("role").asText()).isEqualTo("viewer");
        JsonNode members = Json.parse(get("/api/v1/projects/alpha/members", admin).body());
        assertThat(members.path("items").get(0).path("email").asText()).isEqualTo("ann@example.com");
        HttpResponse<String> badRole = send("PUT", "/api/v1/projects/alpha/members/ann@example.com", admin,
                "{\"role\": \"owner\"}");
        assertProblem(badRole, 400);
        assertThat(fields(badRole)).containsExactly("role");
        assertProblem(send("PUT", "/api/v1/projects/alpha/members/nobody@example.com", admin, "{\"role\": \"viewer\"}"), 404);
        assertThat(send("DELETE", "/api/v1/projects/alpha/members/ann@example.com", admin, null).statusCode())
                .isEqualTo(204);
        assertThat(Json.parse(get("/api/v1/projects/alpha/members", admin).body()).path("total").asInt()).isZero();
        JsonNode audit = Json.parse(get("/api/v1/audit?project=alpha&actor=alpha-admin", admin).body());
        assertThat(audit.path("items")).extracting(entry -> entry.path("action").asText())
                .containsExactly("membership.remove", "membership.put");
    }

    @Test
    void projectsAreCreatedByOwnersAndDeletedOnlyWhenEmpty() {
        HttpResponse<String> taken = send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"alpha\"}");
        assertProblem(taken, 409);
        HttpResponse<String> invalid = send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"Not A Name!\"}");
        assertProblem(invalid, 400);
        assertThat(fields(invalid)).contains("name");

        HttpResponse<String> notEmpty = send("DELETE", "/api/v1/projects/alpha", ADMIN, null);
        assertProblem(notEmpty, 409);
        assertThat(Json.parse(notEmpty.body()).path("detail").asText()).contains("holds 1 pass");
        assertThat(send("POST", "/api/v1/projects", ADMIN, "{\"name\": \"empty\"}").statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/v1/projects/empty", ADMIN, null).statusCode()).isEqualTo(204);
        assertProblem(send("DELETE", "/api/v1/projects/empty", ADMIN, null), 404);
    }

    @Test
    void theAuditTrailIsReadByProjectExportedWithTheFormulaGuardAndVerifiedByOwners() {
        String viewer = key("alpha-viewer", "viewer", "[\"alpha\"]");
        send("POST", "/api/v1/passes/" + betaPass + "/toggle", ADMIN, null);
        send("POST", "/api/v1/passes/" + alphaPass + "/toggle", ADMIN, null);

        JsonNode mine = Json.parse(get("/api/v1/audit?per_page=100", viewer).body());
        assertThat(mine.path("items")).isNotEmpty().allSatisfy(entry ->
                assertThat(entry.path("project").asText()).isEqualTo("alpha"));
        JsonNode all = Json.parse(get("/api/v1/audit?per_page=100", ADMIN).body());
        assertThat(all.path("total").asLong()).isGreaterThan(mine.path("total").asLong());
        HttpResponse<String> badPage = get("/api/v1/audit?per_page=7&colour=red", ADMIN);
        assertProblem(badPage, 400);
        assertThat(fields(badPage)).contains("per_page", "colour");

        String formula = key("=HYPERLINK(\\\"x\\\")", "owner", null);
        assertThat(send("POST", "/api/v1/projects", formula, "{\"name\": \"formula\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> csv = get("/api/v1/audit/export?format=csv&action=project.create", ADMIN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("sequence,at,actor,action,project,pass_id,detail").contains(",\"'=HYPERLINK(")
                .doesNotContain(",=").doesNotContain(",\"=");
        assertThat(get("/api/v1/audit/export?format=jsonl", viewer).body().lines())
                .allSatisfy(line -> assertThat(Json.parse(line).path("project").asText()).isEqualTo("alpha"));

        assertProblem(get("/api/v1/audit/verify", viewer), 403);
        JsonNode verified = Json.parse(get("/api/v1/audit/verify", ADMIN).body());
        assertThat(verified.path("intact").asBoolean()).isTrue();
        assertThat(verified.path("first_break").isNull()).isTrue();
        assertThat(verified.path("verified").asLong()).isEqualTo(verified.path("head_sequence").asLong())
                .isGreaterThan(all.path("total").asLong());
    }

    @Test
    void aMetricsKeyReadsTheMetricsAndNothingElse() {
        String metrics = key("scraper", "metrics", null);
        String viewer = key("alpha-viewer", "viewer", "[\"alpha\"]");

        assertThat(get("/metrics", metrics).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", METRICS).statusCode()).isEqualTo(200);
        assertProblem(get("/metrics", viewer), 403);
        assertProblem(get("/api/v1/projects", metrics), 403);
        assertProblem(get("/metrics", "sak_notakeyatall"), 401);
    }
}

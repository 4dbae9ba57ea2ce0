package dev.sentinel.http.session;

import static dev.sentinel.http.session.Browserless.json;
import static dev.sentinel.http.session.Browserless.sessionCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.access.TotpCodes;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks on sign-in and sessions, performed against a real server on a free port with a real HTTP client: a
 * cross-origin request carrying the cookie, a planted session id, a cookie replayed after sign-out, a hundred wrong
 * passwords, a TOTP code and a recovery code used twice, an idle session, and a session that must enrol first.
 */
class SessionAttacksTest {

    private static final String PASSWORD = "a long walk by the river";
    private static final byte[] KEK = new byte[32];

    private final MutableClock clock = new MutableClock(Instant.now());
    private final InMemoryStorage storage = new InMemoryStorage();
    private final List<AutoCloseable> open = new ArrayList<>();
    private SentinelServer server;
    private Browserless client;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private void start(UnaryOperator<NodeSettings.Builder> settings) {
        Sentinel sentinel = Sentinel.builder().storage(storage).clock(clock).build();
        server = SentinelServer.of(SentinelNode.builder(sentinel, settings.apply(NodeSettings.builder().port(0)
                .keyEncryptionKey(KEK).stopTimeout(Duration.ZERO)).build())
                .throttleBuckets(Bucket4jThrottleBuckets.create()).build()).start();
        open.add(server);
        client = new Browserless(server.baseUri());
    }

    private void start() {
        start(settings -> settings.twoFactor(TwoFactorRequirement.NONE));
    }

    private Account account(String email, boolean owner) {
        return server.node().accounts().create(new CreateAccountCommand(email, "Someone", owner, PASSWORD.toCharArray()));
    }

    /** A signed-in session: its cookie ("name=value") and CSRF token. */
    private record Signed(String cookie, String csrf) {
    }

    private Signed signIn(String email, String totp) {
        HttpResponse<String> reply = client.signIn(email, PASSWORD, totp);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return new Signed(sessionCookie(reply).orElseThrow(), json(reply).path("csrf_token").asText());
    }

    private HttpResponse<String> createPass(Signed session, String origin, String csrf) {
        List<String> headers = new ArrayList<>(List.of("Cookie", session.cookie()));
        if (origin != null) {
            headers.addAll(List.of("Origin", origin));
        }
        if (csrf != null) {
            headers.addAll(List.of("X-CSRF-Token", csrf));
        }
        return client.send("POST", "/api/v1/projects/demo/passes", "{\"agent_name\":\"Agent\",\"agent_type\":\"bot\"}",
                headers.toArray(String[]::new));
    }

    @Test
    void signInSetsAnHttpOnlyLaxCookieAndSaysWhoIsSignedIn() {
        start();
        account("ada@example.com", true);

        HttpResponse<String> reply = client.signIn("Ada@Example.com", PASSWORD, null);

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        String setCookie = reply.headers().allValues("Set-Cookie").get(0);
        assertThat(setCookie).startsWith(SessionCookies.NAME + "=").contains("; HttpOnly").contains("; SameSite=Lax")
                .contains("; Path=/").doesNotContain("Max-Age");
        JsonNode body = json(reply);
        assertThat(body.path("account").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(body.path("roles").get(0).path("role").asText()).isEqualTo("owner");
        assertThat(body.path("csrf_token").asText()).isNotBlank();
        assertThat(setCookie).doesNotContain(body.path("csrf_token").asText());

        HttpResponse<String> who = client.send("GET", "/api/v1/session", null, "Cookie",
                sessionCookie(reply).orElseThrow());
        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(json(who).path("account").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(json(who).path("csrf_token").asText()).isEqualTo(body.path("csrf_token").asText());
        assertThat(client.send("GET", "/api/v1/session", null).statusCode()).as("no cookie: nobody").isEqualTo(401);
    }

    @Test
    void aCrossOriginPostCarryingTheSessionCookieIsRefused() {
        start();
        account("ada@example.com", true);
        Signed ada = signIn("ada@example.com", null);

        assertThat(createPass(ada, "http://evil.example", ada.csrf()).statusCode()).as("another origin").isEqualTo(403);
        assertThat(createPass(ada, null, ada.csrf()).statusCode()).as("no Origin").isEqualTo(403);
        assertThat(createPass(ada, client.origin(), null).statusCode()).as("no token").isEqualTo(403);
        assertThat(createPass(ada, client.origin(), "x" + ada.csrf()).statusCode()).as("a wrong token").isEqualTo(403);
        HttpResponse<String> refused = createPass(ada, "http://evil.example", ada.csrf());
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.send("DELETE", "/api/v1/session", null, "Cookie", ada.cookie(), "Origin",
                "http://evil.example").statusCode()).as("a cross-origin sign-out").isEqualTo(403);
        assertThat(server.node().passes().list(new ProjectId("demo"))).as("nothing was created").isEmpty();

        assertThat(createPass(ada, client.origin(), ada.csrf()).statusCode()).as("own origin and token").isEqualTo(201);
    }

    @Test
    void aSignInFromAPageOfAnotherOriginIsRefused() {
        start();
        account("ada@example.com", true);

        assertThat(client.signIn("ada@example.com", PASSWORD, null, "Origin", "http://evil.example").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsNotValidAfterIt() {
        start();
        account("ada@example.com", true);
        String planted = SessionCookies.NAME + "=" + "P".repeat(43);

        HttpResponse<String> reply = client.signIn("ada@example.com", PASSWORD, null, "Cookie", planted);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(reply)).isPresent().get().isNotEqualTo(planted);
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", planted).statusCode()).isEqualTo(401);
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", sessionCookie(reply).get()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCookieAfterSignOutIsRefused() {
        start();
        account("ada@example.com", true);
        Signed ada = signIn("ada@example.com", null);

        HttpResponse<String> out = client.send("DELETE", "/api/v1/session", null, "Cookie", ada.cookie(), "Origin",
                client.origin(), "X-CSRF-Token", ada.csrf());

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.contains("Max-Age=0"));
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(401);
        assertThat(client.send("GET", "/api/v1/projects", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(401);
    }

    @Test
    void signOutEverywhereEndsEverySessionAndTheListShowsOnesOwn() {
        start();
        account("ada@example.com", true);
        account("bob@example.com", true);
        Signed first = signIn("ada@example.com", null);
        Signed second = signIn("ada@example.com", null);
        Signed bob = signIn("bob@example.com", null);

        HttpResponse<String> list = client.send("GET", "/api/v1/session/list", null, "Cookie", first.cookie());
        assertThat(json(list).path("items")).hasSize(2);

        HttpResponse<String> all = client.send("DELETE", "/api/v1/session/all", null, "Cookie", second.cookie(),
                "Origin", client.origin(), "X-CSRF-Token", second.csrf());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all).path("ended").asInt()).isEqualTo(2);
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", first.cookie()).statusCode()).isEqualTo(401);
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", bob.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void aHundredWrongPasswordsAreThrottledWithOneAuditEntryPerEpisodeAndAnUnknownEmailLooksTheSame() {
        start();
        account("ada@example.com", true);
        HttpResponse<String> unknown = client.signIn("nobody@example.com", "wrong password here", null);
        HttpResponse<String> wrong = client.signIn("ada@example.com", "wrong password here", null);
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(json(unknown).path("detail")).isEqualTo(json(wrong).path("detail"));

        int throttled = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 100; i++) {
            last = client.signIn("ada@example.com", "wrong password " + i, null);
            if (last.statusCode() == 429) {
                throttled++;
            }
        }

        assertThat(throttled).isGreaterThanOrEqualTo(90);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(client.signIn("ada@example.com", PASSWORD, null).statusCode()).as("even the right password, now")
                .isEqualTo(429);
        assertThat(auditEventually("throttled", 1)).as("one entry for the episode").hasSize(1);
        assertThat(audit("account.sign_in_failed")).hasSizeLessThanOrEqualTo(11).isNotEmpty();
    }

    @Test
    void aTotpCodeIsAcceptedOnceAndARecoveryCodeWorksOnce() {
        start();
        account("ada@example.com", true);
        Signed ada = signIn("ada@example.com", null);
        byte[] secret = base32(json(post(ada, "/api/v1/session/totp", "{}")).path("secret").asText());
        HttpResponse<String> confirmed = post(ada, "/api/v1/session/totp/confirm",
                "{\"code\":\"" + code(secret) + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        json(confirmed).path("recovery_codes").forEach(code -> recovery.add(code.asText()));
        assertThat(recovery).hasSize(10);

        HttpResponse<String> needsCode = client.signIn("ada@example.com", PASSWORD, null);
        assertThat(needsCode.statusCode()).isEqualTo(401);
        assertThat(json(needsCode).path("errors").get(0).path("field").asText()).isEqualTo("totp");

        clock.advance(Duration.ofSeconds(TotpCodes.STEP_SECONDS));
        String code = code(secret);
        assertThat(client.signIn("ada@example.com", PASSWORD, code).statusCode()).as("a fresh code").isEqualTo(200);
        assertThat(client.signIn("ada@example.com", PASSWORD, code).statusCode()).as("the same code again")
                .isEqualTo(401);

        assertThat(client.signIn("ada@example.com", PASSWORD, recovery.get(0)).statusCode()).isEqualTo(200);
        assertThat(client.signIn("ada@example.com", PASSWORD, recovery.get(0)).statusCode()).as("used already")
                .isEqualTo(401);
    }

    @Test
    void anIdleSessionEndsAfterTheConfiguredLimit() {
        start(settings -> settings.twoFactor(TwoFactorRequirement.NONE).sessionIdle(Duration.ofMinutes(5)));
        account("ada@example.com", true);
        Signed ada = signIn("ada@example.com", null);

        clock.advance(Duration.ofMinutes(4));
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", ada.cookie()).statusCode())
                .as("used 4 minutes ago").isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));

        assertThat(client.send("GET", "/api/v1/session", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(401);
    }

    @Test
    void anOwnerWithoutASecondFactorMayOnlyEnrolWhileAViewerMaySkipIt() {
        start(settings -> settings);
        account("ada@example.com", true);
        Account viewer = account("vic@example.com", false);
        server.node().projects().create("demo", null);
        server.node().memberships().put(new ProjectId("demo"), viewer.email(), "viewer");

        HttpResponse<String> reply = client.signIn("ada@example.com", PASSWORD, null);
        assertThat(json(reply).path("enrolment_required").asBoolean()).isTrue();
        Signed ada = new Signed(sessionCookie(reply).orElseThrow(), json(reply).path("csrf_token").asText());
        assertThat(client.send("GET", "/api/v1/projects", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(403);
        assertThat(createPass(ada, client.origin(), ada.csrf()).statusCode()).isEqualTo(403);

        byte[] secret = base32(json(post(ada, "/api/v1/session/totp", "{}")).path("secret").asText());
        assertThat(post(ada, "/api/v1/session/totp/confirm", "{\"code\":\"" + code(secret) + "\"}").statusCode())
                .isEqualTo(200);
        assertThat(client.send("GET", "/api/v1/projects", null, "Cookie", ada.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> vic = client.signIn("vic@example.com", PASSWORD, null);
        assertThat(json(vic).path("enrolment_required").asBoolean()).isFalse();
        assertThat(json(vic).path("roles").get(0).path("role").asText()).isEqualTo("viewer");
    }

    private HttpResponse<String> post(Signed session, String path, String json) {
        return client.send("POST", path, json, "Cookie", session.cookie(), "Origin", client.origin(), "X-CSRF-Token",
                session.csrf());
    }

    private String code(byte[] secret) {
        return TotpCodes.code(secret, TotpCodes.step(clock.instant()));
    }

    private List<AuditEntry> audit(String action) {
        return storage.read(session -> session.audit().recent(10_000)).stream()
                .filter(entry -> entry.action().equals(action)).toList();
    }

    private List<AuditEntry> auditEventually(String action, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<AuditEntry> found = audit(action);
        while (found.size() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            found = audit(action);
        }
        return found;
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}

package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import java.net.http.HttpResponse;
import java.time.Duration;
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
    private static final String PASSWORD = "a long walk by the river";
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final AtomicInteger names = new AtomicInteger();
    private TwoNodesOnPostgres nodes;
    private SentinelServer a;
    private SentinelServer b;

    @BeforeEach
    void twoNodes() throws Exception {
        nodes = TwoNodesOnPostgres.forTest("the roles on two nodes test").adminToken(ADMIN)
                .twoFactor(TwoFactorRequirement.NONE).keyEncryptionKeyInCore().start();
        a = nodes.a();
        b = nodes.b();
    }

    @AfterEach
    void closeAll() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void anAdminMadeViewerOnOneNodeIsRefusedWritesOnTheOtherWithinFiveSeconds() throws Exception {
        TwoNodesOnPostgres.Session ada = projectAdminSignedInOnB();
        assertThat(createPass(ada).statusCode()).as("as admin it creates passes on B").isEqualTo(201);

        assertThat(bearer(a, "PUT", "/api/v1/projects/alpha/members/ada@example.com", "{\"role\": \"viewer\"}")
                .statusCode()).isEqualTo(200);

        assertRefusedWithinBound(() -> createPass(ada).statusCode(), 403);
        assertThat(ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode()).as("still a viewer")
                .isEqualTo(200);
    }

    @Test
    void aMemberRemovedOnOneNodeNoLongerSeesTheProjectOnTheOtherWithinFiveSeconds() throws Exception {
        TwoNodesOnPostgres.Session ada = projectAdminSignedInOnB();
        assertThat(ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode()).isEqualTo(200);

        assertThat(bearer(a, "DELETE", "/api/v1/projects/alpha/members/ada@example.com", null).statusCode())
                .isEqualTo(204);

        assertRefusedWithinBound(() -> ada.send("GET", "/api/v1/projects/alpha/passes", null).statusCode(), 404);
        assertThat(createPass(ada).statusCode()).as("nor may it write there").isEqualTo(404);
    }

    @Test
    void anOwnerRoleRemovedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        Account ada = a.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true,
                PASSWORD.toCharArray()));
        TwoNodesOnPostgres.Session session = signIn(b);
        assertThat(createProject(session).statusCode()).as("an owner creates projects").isEqualTo(201);

        a.node().accounts().setOwner(ada.id(), false);

        assertRefusedWithinBound(() -> createProject(session).statusCode(), 403);
    }

    private TwoNodesOnPostgres.Session projectAdminSignedInOnB() throws Exception {
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

    private TwoNodesOnPostgres.Session signIn(SentinelServer node) throws Exception {
        return nodes.signIn(node, "ada@example.com", PASSWORD);
    }

    private static HttpResponse<String> createPass(TwoNodesOnPostgres.Session session) throws Exception {
        return session.send("POST", "/api/v1/projects/alpha/passes",
                "{\"agent_name\": \"Orders Agent\", \"agent_type\": \"Sourcing Agent\"}");
    }

    private HttpResponse<String> createProject(TwoNodesOnPostgres.Session session) throws Exception {
        return session.send("POST", "/api/v1/projects", "{\"name\": \"made-" + names.incrementAndGet() + "\"}");
    }

    private HttpResponse<String> bearer(SentinelServer node, String method, String path, String json) throws Exception {
        return nodes.send(node, method, path, json, "Authorization", "Bearer " + ADMIN);
    }
}

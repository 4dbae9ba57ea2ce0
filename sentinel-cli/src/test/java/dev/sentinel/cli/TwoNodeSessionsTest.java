package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions on two stateless nodes over one PostgreSQL database: a sign-in on node A is a session on node B (same
 * cookie, same CSRF token), and a sign-out on A is refused on B at once (no cache: every request reads the store).
 */
class TwoNodeSessionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "a long walk by the river";

    private TwoNodesOnPostgres nodes;

    @AfterEach
    void closeAll() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aSessionBegunOnOneNodeWorksOnTheOtherAndItsSignOutCountsThereAtOnce() throws Exception {
        nodes = TwoNodesOnPostgres.forTest("the two-node sessions test").twoFactor(TwoFactorRequirement.NONE).start();
        SentinelServer a = nodes.a();
        SentinelServer b = nodes.b();
        a.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true, PASSWORD.toCharArray()));

        TwoNodesOnPostgres.Session session = nodes.signIn(a, "ada@example.com", PASSWORD);
        // the issuer is https, so the cookie is the __Host- one even over this loopback http
        assertThat(session.setCookie).startsWith("__Host-sentinel_session=").contains("; Secure");
        String cookie = session.cookie;
        String csrf = session.csrf;

        HttpResponse<String> onB = nodes.send(b, "GET", "/api/v1/session", null, "Cookie", cookie);
        assertThat(onB.statusCode()).as("signed in on A, used on B").isEqualTo(200);
        assertThat(MAPPER.readTree(onB.body()).path("csrf_token").asText()).isEqualTo(csrf);

        HttpResponse<String> out = session.send("DELETE", "/api/v1/session", null);
        assertThat(out.statusCode()).isEqualTo(204);

        assertThat(nodes.send(b, "GET", "/api/v1/session", null, "Cookie", cookie).statusCode())
                .as("signed out on A, refused on B").isEqualTo(401);
    }
}

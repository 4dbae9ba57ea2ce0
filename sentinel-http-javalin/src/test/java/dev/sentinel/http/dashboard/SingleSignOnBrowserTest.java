package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with NAME" in a real browser against a real OpenID provider on loopback: the button the sign-in page shows,
 * the round trip through the provider (another site: the state cookie must survive the cross-site navigation back),
 * and the dashboard signed in as the linked account.
 */
class SingleSignOnBrowserTest {

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private SentinelServer server;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        provider.start();
        Sentinel sentinel = Sentinel.builder().build();
        sentinel.accounts().create(new CreateAccountCommand("ada@example.com", "Ada", false, null));
        server = TestServer.builder(sentinel).port(0).stopTimeout(Duration.ZERO)
                .oidc(provider.issuerUrl("default").toString(), "sentinel-dashboard", "a-client-secret")
                .oidcName("Example ID").build().start();
        browser = Browser.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        provider.shutdown();
    }

    @Test
    void theSignInPageOffersTheProviderAndItsRoundTripEndsSignedIn() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "subject-ada", "JWT", null,
                Map.of("email", "ada@example.com", "email_verified", true), 300));

        browser.driver.get(server.baseUri().toString());
        assertThat(browser.text("#signin-oidc", "Sign in with Example ID").getAttribute("href"))
                .endsWith("/auth/oidc/start");
        browser.screenshot("sign-in-sso-button");
        browser.click("#signin-oidc");

        browser.text("#whoami-name", "ada@example.com");
        assertThat(browser.driver.getCurrentUrl()).startsWith(server.baseUri().toString());
        assertThat(browser.script("return document.cookie")).as("scripts cannot read the session cookie").isEqualTo("");
        assertThat(browser.consoleProblems()).isEmpty();
    }
}

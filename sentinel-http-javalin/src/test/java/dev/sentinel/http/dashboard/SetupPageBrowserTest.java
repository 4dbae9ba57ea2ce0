package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.access.IssuedSetupLink;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first-run set-up page in headless Chromium against a real server: the printed link opens it, the token leaves
 * the address bar at once, a weak password is refused with its rule, a good one creates the owner and lands on the
 * dashboard; the same link opened again says it cannot be used.
 */
class SetupPageBrowserTest {

    private static final String PASSWORD = "a long walk by the river";

    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
    private SentinelServer server;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        server = TestServer.builder(sentinel).port(0).keyEncryptionKey(new byte[32]).build().start();
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
    }

    @Test
    void theFirstRunLinkCreatesTheOwnerAndLandsOnTheDashboard() {
        IssuedSetupLink link = server.node().setupLinks().issueFirstOwner().orElseThrow();
        String base = server.baseUri().toString();

        browser.driver.get(link.url(base));
        browser.text("#intro", "creates the owner account");
        assertThat(browser.driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        browser.screenshot("setup-01-first-owner");
        browser.type("#email", "root@example.com");
        browser.type("#display-name", "Root");
        browser.type("#password", "root-short");
        browser.type("#repeat", "root-short");
        browser.click("#submit");
        browser.text("#error", "password");
        browser.screenshot("setup-02-weak-password");

        browser.type("#password", PASSWORD);
        browser.type("#repeat", PASSWORD);
        browser.click("#submit");
        browser.until(driver -> driver.getCurrentUrl().equals(base + "/") ? true : null, "the dashboard");

        assertThat(sentinel.accounts().checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray())).isPresent();
        browser.driver.get(link.url(base));
        browser.text("#intro", "cannot be used");
        assertThat(browser.consoleProblems()).as("browser console errors and warnings")
                .allMatch(problem -> problem.contains("/api/v1/setup") && problem.contains("400"));
    }
}

package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.access.TotpCodes;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Signing in to the dashboard with a password in a real browser: an owner who must enrol a second factor sees the key
 * and the recovery codes once and then the dashboard with their email; a viewer is offered no button that changes
 * anything; signing out returns to the sign-in page.
 */
class SignInBrowserTest {

    private static final String PASSWORD = "a long walk by the river";

    private SentinelServer server;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        server = TestServer.builder(Sentinel.builder().build()).port(0).build().start();
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

    private void signIn(String email) {
        browser.driver.get(server.baseUri().toString());
        browser.type("#signin-email", email);
        browser.type("#signin-password", PASSWORD, Keys.ENTER);
    }

    @Test
    void anOwnerEnrolsASecondFactorAtFirstSignInAndIsThenSignedIn() {
        server.node().accounts().create(new CreateAccountCommand("ada@example.com", "Ada", true, PASSWORD.toCharArray()));

        signIn("ada@example.com");
        String key = browser.find("#totp-key").getText();
        browser.screenshot("sign-in-enrol");
        assertThat(browser.find("#totp-uri").getAttribute("href")).startsWith("otpauth://totp/");
        browser.type("#totp-code", TotpCodes.code(base32(key), TotpCodes.step(Instant.now())), Keys.ENTER);

        assertThat(browser.find("#recovery-codes").findElements(By.tagName("li"))).hasSize(10);
        browser.click("#recovery-done");
        browser.text("#whoami-name", "ada@example.com");
        assertThat(browser.script("return document.cookie")).as("scripts cannot read the session cookie").isEqualTo("");

        browser.click("#sign-out");
        browser.find("#signin-email");
        browser.driver.navigate().refresh();
        browser.find("#signin-email");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aViewerIsOfferedNothingThatChangesAPass() {
        server.node().projects().create("demo", null);
        server.node().passes().create(CreatePassCommand.builder("demo").agentName("Watcher").agentType("bot").build());
        server.node().accounts().create(new CreateAccountCommand("vic@example.com", "Vic", false, PASSWORD.toCharArray()));
        server.node().memberships().put(new ProjectId("demo"), new dev.sentinel.core.domain.access.Email("vic@example.com"),
                "viewer");

        signIn("vic@example.com");
        browser.text("#whoami-name", "vic@example.com");
        browser.driver.get(server.baseUri() + "#/projects/demo");
        browser.find("h1");

        assertThat(browser.driver.findElements(By.cssSelector("#new-pass")).stream().noneMatch(button ->
                button.isDisplayed())).as("no New pass button for a viewer").isTrue();
        browser.screenshot("sign-in-viewer");
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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

package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard with people in it, in headless Chromium against a real server: the Audit page reads, filters, exports
 * and verifies the trail the signed-in owner's own clicks wrote; a viewer of one project is offered no write action
 * and never sees the other project, while an admin of it is offered them all; the activity log says who reported each
 * event; and a pasted owner access key still opens the dashboard (first run, recovery, scripts' operators).
 * Two-factor sign-in is off here ({@code --require-2fa none}): {@link SignInBrowserTest} covers enrolment.
 */
class RolesAndAuditBrowserTest {

    private static final String PASSWORD = "a long walk by the river";
    private static final String ADMIN_TOKEN = "roles-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SentinelServer server;
    private Browser browser;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        server = TestServer.builder(Sentinel.builder().build()).port(0).adminToken(ADMIN_TOKEN)
                .twoFactor(TwoFactorRequirement.NONE).build().start();
        base = server.baseUri().toString();
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
    void theAuditPageShowsTheOwnersChangesByActionWithTheirEmailAndVerifiesTheTrail() throws Exception {
        account("ada@example.com", true);
        String passId = pass("demo", "Watcher").pass().passId().value();

        signIn("ada@example.com");
        browser.driver.get(base + "#/passes/" + passId + "/overview");
        browser.click("#toggle-status");
        browser.click("dialog[open] [data-role=confirm]");
        browser.text("#toggle-status", "Activate");
        browser.click("#toggle-status");
        browser.text("#toggle-status", "Deactivate");

        browser.click("#audit-link");
        browser.text("h1", "Audit trail");
        browser.find("#audit-table");
        browser.driver.navigate().refresh(); // no toast of the clicks above over the picture
        browser.find("#audit-table");
        browser.screenshot("audit");
        browser.type("#audit-action", "pass.toggle", Keys.ENTER);
        browser.until(d -> rows().size() == 1 ? true : null, "one pass.toggle entry");
        WebElement entry = rows().get(0);
        assertThat(entry.getAttribute("data-action")).isEqualTo("pass.toggle");
        assertThat(entry.findElement(By.cssSelector("[data-column=actor]")).getText()).isEqualTo("ada@example.com");
        assertThat(entry.getText()).contains(passId, "demo");
        browser.text("#audit-summary", "1 entry");
        browser.screenshot("audit-filtered");

        browser.type("#audit-action", "pass.activate", Keys.ENTER);
        browser.until(d -> rows().size() == 1 && "pass.activate".equals(rows().get(0).getAttribute("data-action"))
                ? true : null, "the pass.activate entry");
        assertThat(rows().get(0).findElement(By.cssSelector("[data-column=actor]")).getText()).isEqualTo("ada@example.com");

        browser.type("#audit-action", "no.such.action", Keys.ENTER);
        browser.text("#audit-empty", "No entries match");

        browser.type("#audit-action", "pass.toggle", Keys.ENTER);
        browser.find("#audit-table");
        browser.click("#audit-export-menu summary");
        browser.click("#audit-export-menu button[data-format=csv]");
        Path csv = download("sentinel-audit-", ".csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("sequence,at,actor,action,project,pass_id,detail");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("ada@example.com", "pass.toggle", passId);

        browser.click("#audit-verify");
        WebElement outcome = browser.find("#audit-verify-outcome");
        assertThat(outcome.getAttribute("data-intact")).isEqualTo("true");
        assertThat(outcome.getText()).contains("The audit trail verifies");
        JsonNode verified = JSON.readTree(admin("GET", "/api/v1/audit/verify", null).body());
        assertThat(outcome.getText()).contains("up to entry " + verified.path("head_sequence").asLong());
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aViewerOfAProjectIsOfferedNoWriteActionAndNeverSeesTheOtherProjectWhileItsAdminIsOfferedThemAll() {
        String alphaPass = pass("alpha", "Reader").pass().passId().value();
        String betaPass = pass("beta", "Hidden").pass().passId().value();
        account("vic@example.com", false);
        account("adam@example.com", false);
        server.node().memberships().put(new ProjectId("alpha"), new Email("vic@example.com"), "viewer");
        server.node().memberships().put(new ProjectId("alpha"), new Email("adam@example.com"), "admin");

        signIn("vic@example.com");
        browser.text("#whoami-name", "vic@example.com");
        browser.driver.get(base + "#/projects");
        browser.find("#projects-table tr[data-project=alpha]");
        assertThat(browser.all("#projects-table tr[data-project=beta]")).as("project beta is not listed").isEmpty();
        assertThat(browser.all("#project-list option")).extracting(option -> option.getAttribute("value"))
                .containsExactly("alpha");

        browser.driver.get(base + "#/projects/alpha");
        browser.find("#passes-table tr[data-pass-id='" + alphaPass + "']");
        browser.gone("#new-pass");
        browser.click("#passes-table a.pass-link");
        browser.find("#pass-facts");
        browser.gone("#pass-actions");
        browser.gone("#regenerate");
        browser.gone("#toggle-status");
        browser.screenshot("viewer-overview");
        browser.click("#tab-permissions");
        browser.find("#permission-list");
        assertThat(visible("#panel-permissions button, #panel-permissions input, #panel-permissions textarea"))
                .as("the permissions tab offers nothing to change").isEmpty();
        browser.click("#tab-settings");
        browser.text("#read-only-note", "needs the role admin");
        assertThat(visible("#revoke-pass, #activate-pass, #delete-pass, #save-allowed-ips, #allowed-ips-input"))
                .as("the settings tab offers nothing to change").isEmpty();
        browser.screenshot("viewer-settings");

        browser.driver.get(base + "#/passes/" + betaPass + "/overview");
        browser.text("[role=alert], .alert", "There is no pass " + betaPass);
        assertThat(visible("#pass-facts")).isEmpty();

        browser.click("#sign-out");
        browser.find("#signin-email");
        browser.driver.navigate().refresh();
        browser.find("#signin-email");

        signIn("adam@example.com");
        browser.text("#whoami-name", "adam@example.com");
        browser.driver.get(base + "#/projects/alpha");
        browser.find("#new-pass");
        browser.driver.get(base + "#/passes/" + alphaPass + "/overview");
        browser.find("#regenerate");
        browser.find("#toggle-status");
        browser.click("#tab-settings");
        browser.find("#revoke-pass");
        browser.find("#delete-pass");
        browser.find("#save-allowed-ips");
        assertThat(visible("#read-only-note")).isEmpty();
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void theActivityLogSaysWhichKeyReportedAnEventAndMarksTheServersOwnEvidence() throws Exception {
        account("ada@example.com", true);
        CreatedPass created = pass("demo", "Invoice Bot");
        String passId = created.pass().passId().value();
        String ingestKey = server.node().accessKeys().create(new CreateAccessKeyCommand("edge-guard", "ingest",
                List.of("demo"), null)).secret();
        assertThat(token(created).statusCode()).isEqualTo(200);
        Map<String, Object> reported = Map.of("pass_id", passId, "type", "api_request",
                "started_at", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                "endpoint", "/v1/invoices", "http_method", "GET", "success", true, "status_code", 200,
                "duration_ms", 42, "client_ip", "10.0.4.10");
        assertThat(send("POST", "/api/v1/activity", ingestKey, JSON.writeValueAsString(List.of(reported))).statusCode())
                .isEqualTo(200);
        browser.until(d -> json(admin("GET", "/api/v1/passes/" + passId + "/activity", null)).path("total").asLong() == 2
                ? true : null, "both events recorded");

        signIn("ada@example.com");
        browser.driver.get(base + "#/passes/" + passId + "/usage");
        browser.find("#activity-table");
        WebElement byKey = browser.find("tbody.event[data-type=api_request] [data-column=reported-by]");
        assertThat(byKey.getText()).contains("edge-guard").doesNotContain("Sentinel");
        assertThat(byKey.findElement(By.cssSelector(".tag")).getAttribute("class")).contains("tag-source-reported");
        WebElement own = browser.find("tbody.event[data-type=token_generation] [data-column=reported-by]");
        assertThat(own.getText()).isEqualTo("Sentinel");
        assertThat(own.findElement(By.cssSelector(".tag")).getAttribute("class")).contains("tag-source-server");
        browser.screenshot("activity-reported-by");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aPastedOwnerAccessKeyOpensTheDashboardAndSignsOut() {
        pass("demo", "Watcher");
        String ownerKey = server.node().accessKeys().create(new CreateAccessKeyCommand("ops-laptop", "owner",
                List.of(), null)).secret();

        browser.driver.get(base);
        browser.find("#signin-email");
        browser.screenshot("sign-in");
        browser.type("#admin-token", ownerKey, Keys.ENTER);
        browser.text("h1", "Sentinel Passes");
        browser.text("#whoami-name", "Token");
        browser.find("#new-pass");
        browser.click("#audit-link");
        browser.find("#audit-verify");
        browser.click("#audit-verify");
        assertThat(browser.find("#audit-verify-outcome").getAttribute("data-intact")).isEqualTo("true");

        browser.click("#sign-out");
        browser.find("#admin-token");
        assertThat(browser.script("return sessionStorage.getItem('sentinel.adminToken')")).isNull();
        browser.driver.navigate().refresh();
        browser.find("#admin-token");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aPastedViewerAccessKeyIsOfferedNoWriteAction() {
        String passId = pass("alpha", "Reader").pass().passId().value();
        String viewerKey = server.node().accessKeys().create(new CreateAccessKeyCommand("alpha-dashboard", "viewer",
                List.of("alpha"), null)).secret();

        browser.driver.get(base);
        browser.type("#admin-token", viewerKey, Keys.ENTER);
        browser.find("#passes-table tr[data-pass-id='" + passId + "']");
        browser.gone("#new-pass");
        browser.driver.get(base + "#/passes/" + passId + "/overview");
        browser.find("#pass-facts");
        browser.gone("#pass-actions");
        browser.driver.get(base + "#/passes/" + passId + "/settings");
        browser.text("#read-only-note", "needs the role admin");
        assertThat(visible("#revoke-pass, #delete-pass, #save-allowed-ips")).isEmpty();
        browser.driver.navigate().refresh();
        browser.text("#read-only-note", "needs the role admin");
        browser.click("#audit-link");
        browser.find("#audit-filters");
        assertThat(visible("#audit-verify")).as("Verify is for owners").isEmpty();
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private void account(String email, boolean owner) {
        server.node().accounts().create(new CreateAccountCommand(email, email.substring(0, email.indexOf('@')), owner,
                PASSWORD.toCharArray()));
    }

    private CreatedPass pass(String project, String agent) {
        if (server.node().projects().find(new ProjectId(project)).isEmpty()) {
            server.node().projects().create(project, null);
        }
        return server.node().passes().create(CreatePassCommand.builder(project).agentName(agent).agentType("bot").build());
    }

    private void signIn(String email) {
        browser.driver.get(base);
        browser.type("#signin-email", email);
        browser.type("#signin-password", PASSWORD, Keys.ENTER);
        browser.text("#whoami-name", email);
    }

    private List<WebElement> rows() {
        return browser.all("#audit-table tbody tr");
    }

    private List<WebElement> visible(String css) {
        return browser.all(css).stream().filter(WebElement::isDisplayed).toList();
    }

    private Path download(String prefix, String suffix) {
        return browser.until(d -> {
            try (var files = Files.list(browser.downloads())) {
                return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                        && file.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException failure) {
                return null;
            }
        }, "a downloaded " + prefix + "*" + suffix);
    }

    private HttpResponse<String> token(CreatedPass pass) {
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(pass.credentials().clientId().value(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        return exchange(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return send(method, path, ADMIN_TOKEN, body);
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException failure) {
            throw new IllegalStateException(response.uri() + " answered no JSON: " + response.body(), failure);
        }
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(request.uri() + " failed", failure);
        }
    }
}

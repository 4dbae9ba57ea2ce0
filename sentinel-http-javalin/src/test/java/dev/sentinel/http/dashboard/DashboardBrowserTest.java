package dev.sentinel.http.dashboard;

import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.Sentinel;
import dev.sentinel.http.SentinelServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard end to end in headless Chromium against a real server on in-memory storage: sign in, create a pass,
 * use its one-time secret at the token endpoint, inspect every tab, regenerate, revoke and delete. Saves a
 * screenshot of every screen under {@code target/screenshots}.
 */
class DashboardBrowserTest {

    private static final String ADMIN_TOKEN = "dashboard-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SentinelServer server;
    private static Browser browser;
    private static String base;

    /** Checked before each test, not once before all: without a browser each test is reported skipped, never hidden. */
    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        if (server == null) {
            server = TestServer.builder(Sentinel.builder().build()).port(0).adminToken(ADMIN_TOKEN).build().start();
            base = server.baseUri().toString();
            browser = Browser.start();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void managesAPassFromSignInToDeletion() throws Exception {
        signIn();
        openProject("demo");
        Credentials credentials = createPass();
        assertThat(token(credentials).statusCode()).isEqualTo(200);
        ActivitySeed.week(credentials.passId()).forEach(batch -> assertThat(admin("POST", "/api/v1/activity", batch)
                .statusCode()).isEqualTo(200));

        browser.click("#passes-table a.pass-link");
        overview(credentials);
        credentials = regenerate(credentials);
        permissions();
        usage(credentials);
        settings(credentials);
        phoneWidth();
        delete(credentials);
        assertThat(browser.consoleProblems()).as("browser console errors and warnings").isEmpty();
    }

    private void signIn() {
        browser.driver.get(base);
        browser.find("#admin-token");
        browser.screenshot("01-sign-in");
        browser.type("#admin-token", "not-the-admin-token-at-all");
        browser.click("#token-form button[type=submit]");
        browser.text("#token-form [role=alert]", "not accepted");
        assertThat(browser.activeElementId()).isEqualTo("admin-token");
        browser.type("#admin-token", ADMIN_TOKEN, Keys.ENTER);
        browser.text("h1", "Sentinel Passes");
        assertThat(browser.script("return sessionStorage.getItem('sentinel.adminToken')")).isEqualTo(ADMIN_TOKEN);
    }

    private void openProject(String project) {
        browser.type("#project-input", "not a project!", Keys.ENTER);
        browser.text("#project-error", "letters, digits");
        browser.type("#project-input", project, Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/" + project) ? true : null, "the project's URL");
        browser.text(".empty h2", "No passes yet");
        browser.screenshot("02-passes-empty");
    }

    private Credentials createPass() throws Exception {
        browser.click("#new-pass");
        browser.find("dialog[open] input[name=agent_name]");
        assertThat(browser.script("return document.activeElement.name")).isEqualTo("agent_name");

        browser.type("input[name=agent_name]", "Invoice Bot!");
        browser.text(".field-error", "only letters, numbers and spaces");
        browser.type("input[name=agent_name]", "Invoice Bot 2");
        browser.gone("[data-field=agent_name] .field-error");
        browser.type("input[name=agent_type]", "Invoice Reader");
        assertThat(browser.find("input[name=agent_type]").getAttribute("value")).isEqualTo("invoice_reader");
        browser.type("textarea[name=description]", "Reads supplier invoices and files them");
        browser.screenshot("03-create-identity");
        browser.click("dialog form button[type=submit]");

        LocalDate today = LocalDate.now();
        assertThat(value("select[name=access_level]")).isEqualTo("standard");
        assertThat(value("select[name=usage_type]")).isEqualTo("automation_tool");
        assertThat(value("input[name=permissions]")).isEqualTo("read,write");
        assertThat(value("input[name=valid_from]")).isEqualTo(today.toString());
        assertThat(value("input[name=valid_until]")).isEqualTo(today.plusYears(1).toString());
        assertThat(value("input[name=pass_id]")).isEmpty();
        new Select(browser.find("select[name=usage_type]")).selectByValue("mcp_server");
        browser.type("input[name=organization]", "Acme Corp");
        browser.type("input[name=permissions]", "Read Invoices");
        browser.type("textarea[name=allowed_ips]", "127.0.0.0/8, 10.0.0.0/33");
        browser.type("input[name=scopes]", "https://invoices.example.com");
        browser.type("textarea[name=integration_notes]", "Owned by the finance team");
        browser.click("dialog form button[type=submit]");
        browser.text(".review", "Invoice Bot 2");
        browser.text(".review", "127.0.0.0/8, 10.0.0.0/33");
        browser.text(".review", "Acme Corp");
        List<String> reviewed = browser.all("#create-review .review-row").stream()
                .map(row -> row.getAttribute("data-field")).toList();
        assertThat(reviewed).as("every non-empty field, in the form's order").containsExactly("agent_name", "agent_type",
                "description", "pass_id", "access_level", "organization", "usage_type", "valid_from", "valid_until",
                "permissions", "scopes", "integration_notes", "allowed_ips");
        assertThat(browser.find("#create-review").getText()).contains("Reads supplier invoices and files them",
                "https://invoices.example.com", "Owned by the finance team", "MCP server", "Auto-generated")
                .doesNotContain("—");
        browser.screenshot("05-create-review");
        browser.click("#create-submit");

        browser.text("dialog [role=alert]", "invalid fields");
        browser.text("[data-field=permissions] .field-error", "is not a permission");
        browser.text("[data-field=allowed_ips] .field-error", "10.0.0.0/33: prefix length must be 0-32");
        assertThat(browser.script("return document.activeElement.name")).isEqualTo("permissions");
        browser.screenshot("05-create-server-error");
        browser.type("input[name=permissions]", "read:invoices,write:ledger");
        browser.type("textarea[name=allowed_ips]", "127.0.0.0/8\n2001:db8::/32");
        browser.screenshot("04-create-security");
        browser.click("dialog form button[type=submit]");
        browser.click("#create-submit");

        String json = browser.find("code[data-format=json]").getText();
        JsonNode shown = JSON.readTree(json);
        String passId = browser.find("#created-pass-id").getText();
        assertThat(passId).matches("SP-\\d{4}-[A-Z0-9]{6}");
        assertThat(browser.find("code[data-format=bash]").getText())
                .contains("export SENTINEL_CLIENT_ID='" + shown.get("client_id").asText() + "'")
                .contains("export SENTINEL_CLIENT_SECRET='" + shown.get("client_secret").asText() + "'");
        assertThat(browser.all(".credentials button.copy")).as("JSON, exports, token endpoint, curl").hasSize(4);
        String published = JSON.readTree(get("/.well-known/oauth-authorization-server")).path("token_endpoint").asText();
        browser.until(d -> published.equals(browser.find("dialog [data-role=token-endpoint]").getText()) ? true : null,
                "the token endpoint in the credentials dialog");
        String curl = browser.find("dialog code[data-format=curl]").getText();
        assertThat(curl).contains(shown.get("client_id").asText()).contains(published)
                .doesNotContain(shown.get("client_secret").asText());
        JsonNode pasted = JSON.readTree(PastedShell.run(browser.find("code[data-format=bash]").getText() + "\n" + curl, Map.of()));
        assertThat(pasted.path("access_token").asText()).as("the exports and the curl line, pasted as shown").isNotBlank();
        browser.screenshot("06-create-credentials");
        browser.click("#create-complete");
        browser.gone("dialog[open]");

        WebElement row = browser.find("#passes-table tr[data-pass-id='" + passId + "']");
        assertThat(row.getText()).contains("Invoice Bot 2", "Active", "Expires");
        browser.until(d -> browser.find("#passes-table tr[data-pass-id='" + passId + "'] [data-column=requests]").getText()
                .matches("[0-9]+") ? true : null, "the pass's requests in the list");
        assertThat(browser.activeElementId()).isNotEqualTo("new-pass");
        browser.screenshot("07-passes");
        return new Credentials(passId, shown.get("client_id").asText(), shown.get("client_secret").asText());
    }

    private void overview(Credentials credentials) {
        browser.text("h1", "Invoice Bot 2");
        browser.text("#tab-overview[aria-selected=true]", "Overview");
        browser.text("#client-id", credentials.clientId());
        browser.text("#pass-facts", "invoice_reader");
        browser.text("#pass-facts", "Acme Corp");
        browser.text("#pass-facts", "MCP server");
        browser.text("#pass-audiences", "Server default");
        browser.text("#allowed-networks", "127.0.0.0/8, 2001:db8::/32");
        browser.text(".chips", "API Access");
        browser.text(".stat", "Total requests");
        String rate = browser.find("[data-stat=success_rate]").getText();
        double percent = Double.parseDouble(rate.replace("%", ""));
        String tone = percent >= 95 ? "tone-green" : percent >= 80 ? "tone-yellow" : "tone-red";
        browser.text(".stat." + tone, "Success rate");
        browser.screenshot("08-overview");

        assertThat(browser.all("#first-token")).as("the first-token help of a pass already used").isEmpty();
        assertThat(browser.find("#toggle-status").getText()).isEqualTo("Deactivate");
        browser.click("#toggle-status");
        browser.click("dialog[open] [data-role=confirm]");
        browser.text(".detail-head .badge", "Inactive");
        browser.until(d -> "Activate".equals(browser.find("#toggle-status").getText()) ? true : null, "an Activate button");
        assertThat(token(credentials).statusCode()).isEqualTo(401);
        browser.click("#toggle-status");
        browser.text(".detail-head .badge", "Active");
        browser.until(d -> "Deactivate".equals(browser.find("#toggle-status").getText()) ? true : null, "a Deactivate button");
        assertThat(token(credentials).statusCode()).isEqualTo(200);
    }

    private Credentials regenerate(Credentials old) throws IOException {
        browser.click("#regenerate");
        browser.find("dialog[open] #grace-period");
        assertThat(browser.activeElementId()).isEqualTo("grace-period");
        browser.click("#regenerate-confirm");
        String json = browser.find("dialog[open] code[data-format=json]").getText();
        browser.screenshot("09-regenerated");
        browser.click("#regenerate-done");
        browser.gone("dialog[open]");
        assertThat(browser.activeElementId()).isEqualTo("regenerate");
        Credentials renewed = new Credentials(old.passId(), old.clientId(), JSON.readTree(json).get("client_secret").asText());
        assertThat(renewed.secret()).isNotEqualTo(old.secret());
        assertThat(token(old).statusCode()).isEqualTo(401);
        assertThat(token(renewed).statusCode()).isEqualTo(200);
        return renewed;
    }

    private void permissions() {
        browser.find("#tab-overview").sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> d.getCurrentUrl().endsWith("/permissions") ? true : null, "the Permissions tab by keyboard");
        browser.until(d -> "tab-permissions".equals(browser.activeElementId()) ? true : null, "focus on the new tab");
        browser.text("#permission-list", "Read Invoices");
        browser.text("#permission-list", "Write Ledger");
        browser.text("#access-profile", "Standard");
        browser.text("#validity-notice", "days left");
        browser.text("#permissions-allowed-networks", "2001:db8::/32");
        browser.screenshot("10-permissions");
    }

    private void usage(Credentials credentials) throws IOException {
        browser.click("#tab-usage");
        browser.find("#usage-chart canvas");
        browser.find("[data-metric=total_requests]");
        assertThat(browser.script("return typeof uPlot")).isEqualTo("function");
        assertThat(token(credentials).statusCode()).isEqualTo(200);
        browser.click("#refresh-usage");
        browser.find("#activity-table tbody.event[data-type=token_generation]");
        browser.until(d -> browser.find("#last-updated").getText().equals("—") ? null : true, "a last-updated time");
        browser.find("[data-metric=avg_latency_ms].tone-green");
        browser.text("[data-metric=error_rate].tone-red", "Above 5%");

        new Select(browser.find("#activity-type")).selectByValue("token_generation");
        browser.until(d -> {
            var rows = browser.all("#activity-table tbody.event");
            return !rows.isEmpty() && rows.stream().allMatch(row -> "token_generation".equals(row.getAttribute("data-type")))
                    ? true : null;
        }, "only token_generation rows");
        browser.click("#activity-table button[aria-expanded=false]");
        assertThat(browser.find(".event-details:not([hidden])").getText()).containsIgnoringCase("user agent")
                .contains("Java-http-client");
        browser.fullPage("11-usage");

        exportCsv(credentials.passId());

        new Select(browser.find("#activity-status")).selectByValue("failed");
        browser.text("#activity-empty", "No activity matches");
        browser.click("#clear-filters");
        browser.find("#activity-table tbody.event[data-type=error]");
        new Select(browser.find("#activity-per-page")).selectByValue("10");
        browser.text("#activity-summary", "Page 1 of");

        browser.click("label:has(input[value='7d'])");
        browser.until(d -> browser.find("#usage-chart").getAttribute("aria-label").contains("days") ? true : null, "daily points");

        browser.script("Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                + "document.dispatchEvent(new Event('visibilitychange'))");
        browser.find("#refresh-status[data-auto-refresh=paused]");
        browser.script("Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
                + "document.dispatchEvent(new Event('visibilitychange'))");
        browser.find("#refresh-status[data-auto-refresh=on]");

        browser.resize(390, 844);
        browser.find("#activity-table");
        long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("horizontal overflow of the Usage tab at phone width").isLessThanOrEqualTo(0);
        browser.fullPage("16-phone-usage");
        browser.resize(1280, 800);
    }

    private void exportCsv(String passId) throws IOException {
        browser.click("#export-menu summary");
        browser.click("#export-menu [data-format=csv]");
        Path file = browser.until(d -> {
            try (var files = Files.list(browser.downloads())) {
                return files.filter(path -> path.getFileName().toString().matches(
                        "sentinel-pass-activity-" + passId + "-.+\\.csv")).findFirst().orElse(null);
            } catch (IOException failure) {
                return null;
            }
        }, "the CSV download");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("pass_id,type,started_at,endpoint");
        assertThat(lines.subList(1, lines.size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith(passId + ",token_generation,"));
    }

    private void settings(Credentials credentials) {
        browser.click("#tab-settings");
        assertThat(value("#allowed-ips-input")).isEqualTo("127.0.0.0/8, 2001:db8::/32");
        browser.type("#allowed-ips-input", "10.0.0.0/8, 1.2.3.4/8");
        browser.click("#save-allowed-ips");
        browser.text("#allowed-ips-error", "1.2.3.4/8: host bits are set; the block is 1.0.0.0/8");
        assertThat(browser.activeElementId()).isEqualTo("allowed-ips-input");
        assertThat(token(credentials).statusCode()).as("a refused change changes nothing").isEqualTo(200);
        browser.type("#allowed-ips-input", "10.0.0.0/8");
        browser.click("#save-allowed-ips");
        browser.text("#toast", "may now be used from 10.0.0.0/8");
        assertThat(token(credentials).statusCode()).as("127.0.0.1 is outside 10.0.0.0/8").isEqualTo(401);
        browser.screenshot("12-settings-networks");
        browser.find("#allowed-ips-input").clear();
        browser.click("#save-allowed-ips");
        browser.text("#toast", "may now be used from any address");
        assertThat(value("#allowed-ips-input")).isEmpty();
        assertThat(token(credentials).statusCode()).isEqualTo(200);
        browser.click("#revoke-pass");
        browser.click("dialog[open] [data-role=confirm]");
        browser.find("#activate-pass");
        browser.text(".detail-head .badge", "Revoked");
        assertThat(token(credentials).statusCode()).isEqualTo(401);
        browser.screenshot("12-settings-revoked");
        browser.click("#activate-pass");
        browser.find("#revoke-pass");
        assertThat(token(credentials).statusCode()).isEqualTo(200);
        browser.click("#revoke-pass");
        browser.click("dialog[open] [data-role=confirm]");
        browser.find("#activate-pass");
        browser.screenshot("12-settings");
    }

    private void phoneWidth() {
        browser.resize(390, 844);
        browser.click("#tab-overview");
        browser.text("#pass-facts", "Acme Corp");
        long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
        browser.fullPage("14-phone-overview");
        browser.click(".back-link");
        browser.find("#passes-table");
        long requests = Long.parseLong(browser.find("#passes-table [data-column=requests]").getText().replace(",", ""));
        assertThat(requests).as("the seeded week's requests and the token requests").isGreaterThan(100);
        assertThat(browser.find("#passes-table [data-column=last-used]").getText()).endsWith(" UTC");
        browser.screenshot("15-phone-passes");
        browser.resize(1280, 800);
        browser.click("#passes-table a.pass-link");
        browser.click("#tab-settings");
    }

    private void delete(Credentials credentials) {
        browser.click("#delete-pass");
        browser.find("dialog[open] [data-role=confirm]");
        assertThat(browser.script("return document.activeElement.dataset.role")).isEqualTo("cancel");
        browser.screenshot("13-delete-confirm");
        browser.find("dialog[open]").sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");
        assertThat(browser.activeElementId()).isEqualTo("delete-pass");

        browser.click("#delete-pass");
        browser.click("dialog[open] [data-role=confirm]");
        browser.text(".empty h2", "No passes yet");
        assertThat(browser.all("tr[data-pass-id='" + credentials.passId() + "']")).isEmpty();
        assertThat(token(credentials).statusCode()).isEqualTo(401);
    }

    private String value(String css) {
        return browser.find(css).getAttribute("value");
    }

    private HttpResponse<String> token(Credentials credentials) {
        String form = "grant_type=client_credentials&client_id=" + encode(credentials.clientId())
                + "&client_secret=" + encode(credentials.secret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException("token request failed", failure);
        }
    }

    private String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException("GET " + path + " failed", failure);
        }
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(method + " " + path + " failed", failure);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Credentials(String passId, String clientId, String secret) {
    }
}

package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.Sentinel;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The API reference at {@code /docs/api} in headless Chromium: reached from the dashboard, every operation of the served
 * OpenAPI document rendered by Swagger UI from its WebJar, under a policy that runs no inline script or style, with no
 * violation of it reported.
 */
class ApiReferenceBrowserTest {

    /** Collects every CSP violation of every page from its first script on, before the page's own scripts run. */
    private static final String VIOLATION_RECORDER = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', (e) =>"
            + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SentinelServer server;
    private static Browser browser;
    private static URI base;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        if (server == null) {
            server = TestServer.builder(Sentinel.builder().build()).port(0).adminToken("api-reference-admin-token-0123456789")
                    .build().start();
            base = server.baseUri();
            browser = Browser.start();
            browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_RECORDER));
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
    void theDashboardLinksToAReferenceOfEveryOperationThatBreaksNoPolicy() throws Exception {
        browser.driver.get(base.toString());
        browser.click("#api-reference-link");
        browser.until(d -> d.getCurrentUrl().contains("/docs/api") ? true : null, "the API reference's URL");
        browser.find("#api-reference[data-rendered=true]");
        browser.text(".info .title", "Sentinel");

        JsonNode document = JSON.readTree(get("/api/v1/openapi.json").body());
        List<String> operationIds = document.path("paths").findValuesAsText("operationId");
        assertThat(operationIds).contains("listPasses", "createPass");
        List<String> shown = browser.all(".opblock-summary-operation-id").stream().map(WebElement::getText).toList();
        assertThat(shown).as("every operation of the document, by its id").containsExactlyInAnyOrderElementsOf(operationIds);
        WebElement listPasses = browser.text(".opblock", "listPasses");
        assertThat(listPasses.getText()).contains("/api/v1/projects/{project}/passes");
        browser.fullPage("30-api-reference");

        WebElement summary = listPasses.findElement(org.openqa.selenium.By.cssSelector(".opblock-summary-control"));
        summary.sendKeys(Keys.ENTER);
        browser.text(".opblock.is-open", "the passes, oldest first");
        assertThat(browser.all(".try-out__btn")).as("a read-only reference: no Try it out").isEmpty();

        assertThat(browser.script("return window.__violations")).as("CSP violations").asList().isEmpty();
        assertThat(browser.consoleProblems()).as("browser console errors and warnings").isEmpty();
    }

    @Test
    void thePageHasItsOwnPolicyThatRunsNothingInline() {
        HttpResponse<String> page = get("/docs/api/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/swagger-ui/").doesNotContain("${").doesNotContain("<script>")
                .doesNotContain("style=");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(get("/docs/api").statusCode()).as("without the trailing slash too").isEqualTo(200);

        // the listener and the policy are real: a style written inline into the page is refused and reported
        browser.driver.get(base.resolve("/docs/api/").toString());
        browser.find("#api-reference[data-rendered=true]");
        browser.script("document.querySelector('.api-topbar').setAttribute('style', 'color: red')");
        browser.until(d -> ((List<?>) browser.script("return window.__violations")).isEmpty() ? null : true,
                "the inline style's violation");
        assertThat(browser.script("return getComputedStyle(document.querySelector('.api-topbar')).color"))
                .isNotEqualTo("rgb(255, 0, 0)");
        browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException("GET " + path + " failed", failure);
        }
    }
}

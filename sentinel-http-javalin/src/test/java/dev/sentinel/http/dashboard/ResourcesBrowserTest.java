package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The resources page of a project in headless Chromium against a real server, signed in with a session (so every
 * write carries the session's CSRF token): a project admin registers a resource with two scopes and finds it listed
 * and stored as typed; a broken field gets the server's rule under it (the second sent scope's under the second
 * filled row, past an empty one) and nothing is stored; an edit changes the name and scopes and a refused one changes
 * nothing; a delete asks first; each change is in the audit trail under the admin's name. A viewer reads the
 * resources and is offered nothing to change.
 */
class ResourcesBrowserTest {

    private static final String PASSWORD = "a long walk by the river";
    private static final String ADMIN_TOKEN = "resources-admin-token-0123456789abcdef";
    private static final String TOOLS = "https://tools.example.com/mcp";
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
        base = server.baseUri().toString().replaceAll("/$", "");
        server.node().projects().create("alpha", null);
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
    void anAdminRegistersAResourceWithTwoScopesAndSeesItListed() throws Exception {
        member("adam@example.com", "admin");
        signIn("adam@example.com");
        browser.driver.get(base + "/#/projects/alpha");
        browser.click("#resources-link");
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/alpha/resources") ? true : null, "the page's URL");
        browser.text("h1", "Resources");
        browser.text("#resources-none", "No resources registered yet");

        browser.type("#resource-form input[name=resource]", TOOLS);
        browser.type("#resource-form input[name=name]", "Tools");
        fillScope("#resource-form", 0, "tools:read", "List the tools", "Viewer");
        browser.click("#resource-form [data-role=add-scope]");
        fillScope("#resource-form", 1, "tools:run", "Run a tool", "Admin");
        browser.click("#register-resource");

        WebElement row = browser.find("#resources-table tbody tr");
        assertThat(row.getText()).contains("Tools", TOOLS, "tools:read", "List the tools", "tools:run", "Run a tool");
        assertThat(row.findElement(By.cssSelector("[data-scope='tools:run'] .badge")).getText())
                .isEqualTo("admin");
        assertThat(row.findElement(By.cssSelector("[data-scope='tools:read'] .badge")).getText())
                .isEqualTo("viewer");
        List<JsonNode> stored = resources("alpha");
        assertThat(stored).hasSize(1);
        JsonNode tools = stored.get(0);
        assertThat(row.getAttribute("data-resource-id")).isEqualTo(tools.path("id").asText());
        assertThat(tools.path("resource").asText()).isEqualTo(TOOLS);
        assertThat(tools.path("name").asText()).isEqualTo("Tools");
        assertThat(tools.path("scopes")).extracting(JsonNode::toString).containsExactly(
                "{\"name\":\"tools:read\",\"description\":\"List the tools\",\"min_role\":\"viewer\"}",
                "{\"name\":\"tools:run\",\"description\":\"Run a tool\",\"min_role\":\"admin\"}");
        assertThat(value("#resource-form input[name=resource]")).as("the form starts over").isEmpty();
        assertThat(audit("resource.create")).singleElement()
                .satisfies(entry -> assertThat(entry.path("actor").asText()).isEqualTo("adam@example.com"));
        browser.fullPage("resources");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aBrokenFieldShowsTheServersRuleUnderItAndNothingIsStored() throws Exception {
        member("adam@example.com", "admin");
        signIn("adam@example.com");
        browser.driver.get(base + "/#/projects/alpha/resources");

        browser.type("#resource-form input[name=resource]", "http://tools.example.com/mcp");
        browser.type("#resource-form input[name=name]", "Tools");
        fillScope("#resource-form", 0, "tools:read", "List the tools", "Viewer");
        browser.click("#resource-form [data-role=add-scope]");
        browser.click("#resource-form [data-role=add-scope]");
        fillScope("#resource-form", 2, "tools:run", "", "Admin"); // the row between is left empty: not sent
        browser.click("#register-resource");

        browser.text("#resource-form [data-field=resource] .field-error", "https, or http to 127.0.0.1, [::1] or localhost");
        assertThat(scopeRow("#resource-form", 2).findElement(By.cssSelector("[data-part=description]"))
                .getAttribute("data-field")).as("the second scope sent is the third row").isEqualTo("scopes[1].description");
        assertThat(scopeRow("#resource-form", 1).findElements(By.cssSelector("[data-field]"))).as("the empty row").isEmpty();
        browser.text("#resource-form [data-part=description][data-field='scopes[1].description'] .field-error",
                "is required: 1-500 characters");
        assertThat(scopeRow("#resource-form", 0).findElement(By.cssSelector(".field-error")).getText())
                .as("nothing under the good scope").isEmpty();
        browser.text("#resource-form [role=alert]", "Scope 2 description is required");
        assertThat(browser.find("#resource-form input[name=resource]").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(resources("alpha")).as("nothing half-written").isEmpty();
        browser.screenshot("resources-error");

        browser.type("#resource-form input[name=resource]", TOOLS);
        scopeRow("#resource-form", 2).findElement(By.cssSelector("input[name=scope-description]"))
                .sendKeys("Run a tool");
        browser.click("#register-resource");
        browser.find("#resources-table tbody tr");
        List<JsonNode> stored = resources("alpha");
        assertThat(stored).singleElement().satisfies(tools -> {
            assertThat(tools.path("resource").asText()).isEqualTo(TOOLS);
            assertThat(tools.path("scopes")).extracting(JsonNode::toString).containsExactly(
                    "{\"name\":\"tools:read\",\"description\":\"List the tools\",\"min_role\":\"viewer\"}",
                    "{\"name\":\"tools:run\",\"description\":\"Run a tool\",\"min_role\":\"admin\"}");
        });

        // one URL belongs to one resource: the server's conflict is shown under the URL
        browser.type("#resource-form input[name=resource]", TOOLS);
        browser.type("#resource-form input[name=name]", "Tools again");
        browser.click("#register-resource");
        browser.text("#resource-form [data-field=resource] .field-error", "is registered already");
        assertThat(resources("alpha")).hasSize(1);
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void anAdminEditsTheNameAndScopesAndARefusedEditChangesNothing() throws Exception {
        String id = register("alpha", TOOLS, "Tools");
        member("adam@example.com", "admin");
        signIn("adam@example.com");
        browser.driver.get(base + "/#/projects/alpha/resources");

        browser.click("#resources-table tr[data-resource-id='" + id + "'] [data-role=edit-resource]");
        browser.text("dialog[open]", "Edit Tools");
        browser.text("#resource-edit-form", TOOLS);
        assertThat(browser.all("#resource-edit-form input[name=resource]")).as("the URL is not edited").isEmpty();
        assertThat(value("#resource-edit-form input[name=name]")).isEqualTo("Tools");
        assertThat(scopeRow("#resource-edit-form", 1).findElement(By.cssSelector("input[name=scope-name]"))
                .getAttribute("value")).isEqualTo("tools:run");
        browser.type("#resource-edit-form input[name=name]", "Tool box");
        new Select(scopeRow("#resource-edit-form", 0).findElement(By.cssSelector("select")))
                .selectByVisibleText("Admin");
        scopeRow("#resource-edit-form", 1).findElement(By.cssSelector("[data-role=remove-scope]")).click();
        browser.click("#resource-edit-form [data-role=add-scope]");
        fillScope("#resource-edit-form", 1, "tools write", "Change a tool", "Admin");
        browser.click("#save-resource");
        browser.text("#resource-edit-form [data-field='scopes[1].name'] .field-error", "an RFC 6749 §3.3 scope token");
        JsonNode unchanged = resource(id);
        assertThat(unchanged.path("name").asText()).as("a refused edit changes nothing").isEqualTo("Tools");
        assertThat(unchanged.path("scopes")).hasSize(2);
        assertThat(audit("resource.change")).isEmpty();

        scopeRow("#resource-edit-form", 1).findElement(By.cssSelector("input[name=scope-name]")).clear();
        scopeRow("#resource-edit-form", 1).findElement(By.cssSelector("input[name=scope-name]"))
                .sendKeys("tools:write");
        browser.click("#save-resource");
        browser.gone("dialog[open]");
        browser.text("#toast", "was saved");
        WebElement row = browser.text("#resources-table tr[data-resource-id='" + id + "']", "Tool box");
        assertThat(row.getText()).contains("tools:write", "Change a tool").doesNotContain("tools:run");
        JsonNode changed = resource(id);
        assertThat(changed.path("name").asText()).isEqualTo("Tool box");
        assertThat(changed.path("resource").asText()).isEqualTo(TOOLS);
        assertThat(changed.path("scopes")).extracting(JsonNode::toString).containsExactly(
                "{\"name\":\"tools:read\",\"description\":\"List the tools\",\"min_role\":\"admin\"}",
                "{\"name\":\"tools:write\",\"description\":\"Change a tool\",\"min_role\":\"admin\"}");
        assertThat(audit("resource.change")).singleElement()
                .satisfies(entry -> assertThat(entry.path("actor").asText()).isEqualTo("adam@example.com"));
        assertThat(browser.script("return document.activeElement.dataset.role")).as("focus back on the row's Edit")
                .isEqualTo("edit-resource");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void anAdminDeletesAResourceAfterConfirming() throws Exception {
        String tools = register("alpha", TOOLS, "Tools");
        String docs = register("alpha", "https://docs.example.com/mcp", "Docs");
        member("adam@example.com", "admin");
        signIn("adam@example.com");
        browser.driver.get(base + "/#/projects/alpha/resources");

        String delete = "#resources-table tr[data-resource-id='" + tools + "'] [data-role=delete-resource]";
        browser.click(delete);
        browser.text("dialog[open]", TOOLS);
        browser.click("dialog[open] [data-role=cancel]");
        browser.gone("dialog[open]");
        assertThat(resources("alpha")).as("cancel deletes nothing").hasSize(2);

        browser.click(delete);
        browser.click("dialog[open] [data-role=confirm]");
        browser.text("#toast", "was deleted");
        browser.gone("#resources-table tr[data-resource-id='" + tools + "']");
        browser.find("#resources-table tr[data-resource-id='" + docs + "']");
        assertThat(resources("alpha")).extracting(r -> r.path("id").asText()).containsExactly(docs);
        assertThat(audit("resource.delete")).singleElement()
                .satisfies(entry -> assertThat(entry.path("actor").asText()).isEqualTo("adam@example.com"));
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aViewerReadsTheResourcesAndIsOfferedNothingToChange() throws Exception {
        String id = register("alpha", TOOLS, "Tools");
        member("vic@example.com", "viewer");
        signIn("vic@example.com");
        browser.driver.get(base + "/#/projects/alpha");
        browser.click("#resources-link");

        WebElement row = browser.find("#resources-table tr[data-resource-id='" + id + "']");
        assertThat(row.getText()).contains("Tools", TOOLS, "tools:read", "List the tools", "tools:run", "admin");
        browser.text("#resources-read-only", "needs the role admin");
        assertThat(browser.all("#resource-form, [data-role=edit-resource], [data-role=delete-resource]"))
                .as("nothing to change").isEmpty();
        assertThat(browser.all("#resources-table th")).extracting(WebElement::getText).doesNotContain("Actions");
        browser.screenshot("resources-viewer");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private void fillScope(String form, int index, String name, String description, String role) {
        WebElement row = scopeRow(form, index);
        WebElement nameInput = row.findElement(By.cssSelector("input[name=scope-name]"));
        nameInput.clear();
        nameInput.sendKeys(name);
        WebElement descriptionInput = row.findElement(By.cssSelector("input[name=scope-description]"));
        descriptionInput.clear();
        descriptionInput.sendKeys(description);
        new Select(row.findElement(By.cssSelector("select[name=scope-min-role]"))).selectByVisibleText(role);
    }

    private WebElement scopeRow(String form, int index) {
        return browser.until(d -> {
            List<WebElement> rows = browser.all(form + " [data-role=scope-row]");
            return rows.size() > index ? rows.get(index) : null;
        }, "scope row " + (index + 1) + " of " + form);
    }

    private String register(String project, String url, String name) throws IOException {
        String body = JSON.writeValueAsString(Map.of("resource", url, "name", name, "scopes", List.of(
                Map.of("name", "tools:read", "description", "List the tools", "min_role", "viewer"),
                Map.of("name", "tools:run", "description", "Run a tool", "min_role", "admin"))));
        HttpResponse<String> created = admin("POST", "/api/v1/projects/" + project + "/resources", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private void member(String email, String role) {
        server.node().accounts().create(new CreateAccountCommand(email, email.substring(0, email.indexOf('@')), false,
                PASSWORD.toCharArray()));
        server.node().memberships().put(new ProjectId("alpha"), new Email(email), role);
    }

    private void signIn(String email) {
        browser.driver.get(base + "/");
        browser.type("#signin-email", email);
        browser.type("#signin-password", PASSWORD, Keys.ENTER);
        browser.text("#whoami-name", email);
    }

    private String value(String css) {
        return browser.find(css).getAttribute("value");
    }

    private List<JsonNode> resources(String project) throws IOException {
        HttpResponse<String> reply = admin("GET", "/api/v1/projects/" + project + "/resources", null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(reply.body()).path("items").spliterator(), false).toList();
    }

    private JsonNode resource(String id) throws IOException {
        HttpResponse<String> reply = admin("GET", "/api/v1/resources/" + id, null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private List<JsonNode> audit(String action) throws IOException {
        HttpResponse<String> reply = admin("GET", "/api/v1/audit?project=alpha&action=" + action, null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(reply.body()).path("items").spliterator(), false).toList();
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(method + " " + path + " failed", failure);
        }
    }
}

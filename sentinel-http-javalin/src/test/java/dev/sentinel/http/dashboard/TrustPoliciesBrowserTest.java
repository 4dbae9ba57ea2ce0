package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.access.TwoFactorRequirement;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The trust-policies page of a project in headless Chromium against a real server: its admin creates policies from
 * the GitHub Actions and Kubernetes presets (the preset's own checks, the server's rules shown under their fields,
 * a static JWK set with private parts refused in the browser), lists and deletes them, each change in the audit
 * trail; a viewer of the project reads the policies and is offered nothing to change.
 */
class TrustPoliciesBrowserTest {

    private static final String PASSWORD = "a long walk by the river";
    private static final String ADMIN_TOKEN = "trust-admin-token-0123456789abcdef";
    private static final String GITHUB = "https://token.actions.githubusercontent.com";
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
    void aProjectAdminCreatesPoliciesFromPresetsSeesTheServersRulesAndDeletesThem() throws Exception {
        String deployer = pass("alpha", "Deployer");
        account("adam@example.com");
        server.node().memberships().put(new ProjectId("alpha"), new Email("adam@example.com"), "admin");
        signIn("adam@example.com");

        browser.driver.get(base + "/#/projects/alpha");
        browser.click("#trust-policies-link");
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/alpha/trust-policies") ? true : null, "the page's URL");
        browser.text("h1", "Trust policies");
        browser.text("#trust-policies-none", "No trust policies yet");

        Select preset = new Select(browser.find("#trust-policy-form select[name=preset]"));
        preset.selectByVisibleText("GitHub Actions");
        assertThat(value("#trust-policy-form input[name=issuer]")).isEqualTo(GITHUB);
        browser.type("#trust-policy-form input[name=ref]", "main");
        browser.click("#create-trust-policy");
        browser.text("[data-field=repository] .field-error", "Repository is required for this platform.");
        browser.text("[data-field=ref] .field-error", "the full ref, for example refs/heads/main");
        browser.text("[data-field=pass_id] .field-error", "Choose the pass.");
        assertThat(policies("alpha")).isEmpty();

        browser.type("#trust-policy-form input[name=repository]", "octo-org/app");
        browser.type("#trust-policy-form input[name=ref]", "refs/heads/main");
        new Select(browser.find("#trust-policy-form select[name=pass_id]")).selectByValue(deployer);
        browser.type("#trust-policy-form input[name=max_token_age]", "10m");
        browser.type("#trust-policy-form input[name=description]", "Deploys from main");
        browser.click("#create-trust-policy");
        WebElement row = browser.find("#trust-policies-table tbody tr");
        assertThat(row.getText()).contains(deployer, GITHUB, "/repository = octo-org/app", "/ref = refs/heads/main",
                "10m", "keys: from discovery", "Deploys from main");
        List<JsonNode> stored = policies("alpha");
        assertThat(stored).hasSize(1);
        JsonNode github = stored.get(0);
        assertThat(row.getAttribute("data-policy-id")).isEqualTo(github.path("id").asText());
        assertThat(github.path("issuer").asText()).isEqualTo(GITHUB);
        assertThat(github.path("pass_id").asText()).isEqualTo(deployer);
        assertThat(github.path("audience").asText()).isEqualTo(server.issuer());
        assertThat(github.path("conditions").path("/repository").asText()).isEqualTo("octo-org/app");
        assertThat(github.path("conditions").path("/ref").asText()).isEqualTo("refs/heads/main");
        browser.screenshot("trust-policies");

        // a Kubernetes cluster Sentinel cannot reach: a static key set; a private one never leaves the browser
        ECKey clusterKey = new ECKeyGenerator(Curve.P_256).keyID("cluster").generate();
        new Select(browser.find("#trust-policy-form select[name=preset]")).selectByVisibleText("Kubernetes service account");
        browser.type("#trust-policy-form input[name=issuer]", "https://cluster.internal.example");
        browser.type("#trust-policy-form input[name=namespace]", "agents");
        browser.type("#trust-policy-form input[name=service_account]", "*");
        new Select(browser.find("#trust-policy-form select[name=pass_id]")).selectByValue(deployer);
        browser.type("#trust-policy-form textarea[name=jwks]", "{\"keys\": [" + clusterKey.toJSONString() + "]}");
        browser.click("#create-trust-policy");
        browser.text("[data-field=jwks] .field-error", "Private key material");
        assertThat(policies("alpha")).hasSize(1);

        // the server's rule: a glob every service account matches names no workload
        browser.type("#trust-policy-form textarea[name=jwks]", "{\"keys\": [" + clusterKey.toPublicJWK().toJSONString() + "]}");
        browser.type("#trust-policy-form input[name=max_token_age]", "2d");
        browser.click("#create-trust-policy");
        browser.text("#trust-policy-form [role=alert]", "must name the workload");
        browser.text("[data-field=max_token_age] .field-error", "must be a duration from 1m to 24h");
        browser.text("[data-field=conditions] .field-error", "must name the workload");
        assertThat(policies("alpha")).as("nothing half-written").hasSize(1);

        browser.type("#trust-policy-form input[name=service_account]", "invoice-bot");
        browser.type("#trust-policy-form input[name=max_token_age]", "1h");
        browser.click("#create-trust-policy");
        browser.until(d -> browser.all("#trust-policies-table tbody tr").size() == 2 ? true : null, "two policies");
        JsonNode cluster = policies("alpha").stream().filter(p -> p.path("issuer").asText()
                .equals("https://cluster.internal.example")).findFirst().orElseThrow();
        assertThat(cluster.path("key_source").asText()).isEqualTo("jwks");
        assertThat(cluster.path("jwks").path("keys").get(0).has("d")).isFalse();
        assertThat(cluster.path("conditions").path("/kubernetes.io/serviceaccount/name").asText()).isEqualTo("invoice-bot");
        assertThat(browser.find("#trust-policies-table tr[data-policy-id='" + cluster.path("id").asText() + "']").getText())
                .contains("keys: static set", "/kubernetes.io/namespace = agents");

        browser.click("#trust-policies-table tr[data-policy-id='" + github.path("id").asText() + "'] [data-role=delete-policy]");
        browser.text("dialog[open]", GITHUB);
        browser.click("dialog[open] [data-role=confirm]");
        browser.text("#toast", "was deleted");
        browser.gone("#trust-policies-table tr[data-policy-id='" + github.path("id").asText() + "']");
        assertThat(policies("alpha")).extracting(p -> p.path("id").asText()).containsExactly(cluster.path("id").asText());

        JsonNode audit = JSON.readTree(admin("GET", "/api/v1/audit?project=alpha").body());
        List<JsonNode> entries = StreamSupport.stream(audit.path("items").spliterator(), false).toList();
        assertThat(entries).filteredOn(entry -> entry.path("action").asText().equals("trust_policy.create")).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.path("actor").asText()).isEqualTo("adam@example.com"));
        assertThat(entries).filteredOn(entry -> entry.path("action").asText().equals("trust_policy.delete")).hasSize(1);
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aViewerReadsTheProjectsPoliciesAndIsOfferedNothingToChange() throws Exception {
        String deployer = pass("alpha", "Deployer");
        String body = JSON.writeValueAsString(java.util.Map.of("issuer", GITHUB, "pass_id", deployer,
                "conditions", java.util.Map.of("/repository", "octo-org/app")));
        HttpResponse<String> created = admin("POST", "/api/v1/projects/alpha/trust-policies", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String policyId = JSON.readTree(created.body()).path("id").asText();
        account("vic@example.com");
        server.node().memberships().put(new ProjectId("alpha"), new Email("vic@example.com"), "viewer");

        signIn("vic@example.com");
        browser.driver.get(base + "/#/projects/alpha/trust-policies");
        WebElement row = browser.find("#trust-policies-table tr[data-policy-id='" + policyId + "']");
        assertThat(row.getText()).contains(GITHUB, deployer, "/repository = octo-org/app");
        browser.text("#trust-read-only", "needs the role admin");
        assertThat(browser.all("#trust-policy-form, [data-role=delete-policy]")).as("nothing to change").isEmpty();
        assertThat(browser.all("#trust-policies-table th")).extracting(WebElement::getText).doesNotContain("Actions");
        browser.screenshot("trust-policies-viewer");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private String pass(String project, String agent) {
        if (server.node().projects().find(new ProjectId(project)).isEmpty()) {
            server.node().projects().create(project, null);
        }
        return server.node().passes().create(CreatePassCommand.builder(project).agentName(agent).agentType("bot").build())
                .pass().passId().value();
    }

    private void account(String email) {
        server.node().accounts().create(new CreateAccountCommand(email, email.substring(0, email.indexOf('@')), false,
                PASSWORD.toCharArray()));
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

    private List<JsonNode> policies(String project) throws IOException {
        HttpResponse<String> reply = admin("GET", "/api/v1/projects/" + project + "/trust-policies");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(reply.body()).path("items").spliterator(), false).toList();
    }

    private HttpResponse<String> admin(String method, String path) {
        return admin(method, path, null);
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

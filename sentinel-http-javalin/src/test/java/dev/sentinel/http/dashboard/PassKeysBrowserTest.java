package dev.sentinel.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.sentinel.core.Sentinel;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A pass without a secret made and kept in headless Chromium against a real server: the wizard registers public keys
 * (a pasted JWK set, or a jwks_uri), refuses a pasted private key in the browser before anything is sent, and ends on
 * the client id and the key thumbprints, never a secret; the pass then gets tokens with assertions signed by the
 * Nimbus OAuth SDK's {@link PrivateKeyJWT}. The Settings tab adds, removes and replaces keys and sets the
 * token-endpoint audience opt-in, each change checked at the token endpoint and in the audit trail; a key pass is
 * offered no Regenerate.
 */
class PassKeysBrowserTest {

    private static final String ADMIN_TOKEN = "pass-keys-admin-token-0123456789abcdef";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SentinelServer server;
    private Browser browser;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        server = TestServer.builder(Sentinel.builder().build()).port(0).adminToken(ADMIN_TOKEN).build().start();
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
    void theWizardRegistersAPastedPublicKeyRefusesAPrivateOneUnsentAndShowsTheThumbprintNeverASecret() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("agent-2026-01").generate();
        signIn();
        recordRequests();
        startKeyPass("Key Bot");

        // a private key pasted by mistake: refused under the field, the wizard stays, and nothing leaves the browser
        browser.type("textarea[name=jwks]", first.toJSONString());
        browser.click("dialog form button[type=submit]");
        browser.text("[data-field=jwks] .field-error", "Private key material: key 1 (agent-2026-01) holds d");
        browser.find("dialog form button[type=submit]");
        assertThat(browser.find("dialog form").getAttribute("aria-label")).isEqualTo("Security settings");
        assertThat(browser.script("return document.activeElement.name")).isEqualTo("jwks");
        browser.type("textarea[name=jwks]", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----");
        browser.click("dialog form button[type=submit]");
        browser.text("[data-field=jwks] .field-error", "This is a PEM block");
        assertThat(sentBodies()).as("requests that carried the private key").noneMatch(body ->
                body.contains(first.getD().toString()) || body.contains("PRIVATE KEY"));
        assertThat(passTotal("keys")).isZero();

        browser.type("textarea[name=jwks]", "{\"keys\": [" + first.toPublicJWK().toJSONString() + "]}");
        browser.click("dialog form button[type=submit]");
        browser.text("#create-review [data-field=credential_type]", "Public keys (private_key_jwt), no client secret");
        browser.text("#create-review [data-field=jwks]", "1 public key");
        browser.click("#create-submit");

        String thumbprint = first.computeThumbprint().toString();
        browser.text("#created-keys [data-role=thumbprint]", thumbprint);
        String passId = browser.find("#created-pass-id").getText();
        JsonNode pass = passJson(passId);
        assertThat(browser.find("#created-client-id").getText()).isEqualTo(pass.path("client_id").asText());
        assertThat(pass.path("credential_type").asText()).isEqualTo("private_key_jwt");
        assertThat(pass.path("key_thumbprints")).extracting(JsonNode::asText).containsExactly(thumbprint);
        WebElement dialog = browser.find("dialog[open]");
        assertThat(dialog.getText()).contains("No client secret").doesNotContain("sps_").doesNotContainIgnoringCase("client_secret");
        assertThat(browser.all("dialog[open] code[data-format=json], dialog[open] code[data-format=bash]"))
                .as("no secret block on the last step of a key pass").isEmpty();
        assertThat(browser.find("dialog[open] code[data-format=curl]").getText())
                .contains("client_assertion_type=" + ASSERTION_TYPE, pass.path("client_id").asText());
        assertThat(createReply()).as("the create reply the browser received").doesNotContain("client_secret", "sps_");
        browser.screenshot("keys-create-credentials");
        // there is no secret to lose: Escape closes the last step without asking
        dialog.sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");
        browser.find("#passes-table tr[data-pass-id='" + passId + "']");

        String clientId = pass.path("client_id").asText();
        assertThat(token(clientId, first, server.issuer()).statusCode()).as("an assertion signed with the registered key")
                .isEqualTo(200);

        browser.click("#passes-table a.pass-link");
        browser.text("#pass-keys [data-role=thumbprint]", thumbprint);
        browser.text("#credential-note", "it has no client secret");
        browser.gone("#regenerate");
        browser.find("#toggle-status");
        assertThat(browser.all("#first-token")).as("the secret-based first-token help").isEmpty();
        browser.screenshot("keys-overview");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void theSettingsTabAddsRemovesAndReplacesKeysAndSetsTheTokenEndpointAudienceOptIn() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("old").generate();
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("new").generate();
        String clientId = apiKeyPass("rotation", "Rotating Bot", first);
        String passId = passIdOf("rotation");
        signIn();
        recordRequests();
        browser.driver.get(base + "#/passes/" + passId + "/settings");
        String firstPrint = first.computeThumbprint().toString();
        String secondPrint = second.computeThumbprint().toString();
        browser.text("#setting-keys [data-role=thumbprint]", firstPrint);
        assertThat(browser.find("#setting-keys [data-role=remove-key]").isEnabled()).as("the only key cannot be removed").isFalse();

        browser.click("#add-key");
        browser.type("#keys-input", second.toJSONString());
        browser.click("#keys-submit");
        browser.text("#keys-input-error", "Private key material: key 1 (new) holds d");
        assertThat(sentBodies()).noneMatch(body -> body.contains(second.getD().toString()));
        browser.type("#keys-input", second.toPublicJWK().toJSONString());
        browser.click("#keys-submit");
        browser.text("#toast", "The key was added");
        browser.find("#setting-keys li[data-thumbprint='" + secondPrint + "']");
        assertThat(passJson(passId).path("key_thumbprints")).extracting(JsonNode::asText)
                .containsExactly(firstPrint, secondPrint);
        assertThat(token(clientId, second, server.issuer()).statusCode()).as("the added key").isEqualTo(200);
        assertThat(token(clientId, first, server.issuer()).statusCode()).as("the old key, still registered").isEqualTo(200);
        browser.screenshot("keys-settings");

        browser.click("#setting-keys li[data-thumbprint='" + firstPrint + "'] [data-role=remove-key]");
        browser.text("dialog[open]", firstPrint);
        browser.click("dialog[open] [data-role=confirm]");
        browser.text("#toast", "The key was removed");
        browser.gone("#setting-keys li[data-thumbprint='" + firstPrint + "']");
        assertThat(token(clientId, first, server.issuer()).statusCode()).as("the removed key").isEqualTo(401);
        assertThat(token(clientId, second, server.issuer()).statusCode()).as("the remaining key").isEqualTo(200);

        String tokenEndpoint = base.replaceAll("/$", "") + "/oauth/token";
        assertThat(token(clientId, second, tokenEndpoint).statusCode()).as("the token endpoint as aud, no opt-in")
                .isEqualTo(401);
        assertThat(browser.find("#accept-token-endpoint-audience").isSelected()).isFalse();
        browser.click("#accept-token-endpoint-audience");
        browser.text("#toast", "The token endpoint URL is now accepted as audience");
        assertThat(passJson(passId).path("accept_token_endpoint_audience").asBoolean()).isTrue();
        assertThat(token(clientId, second, tokenEndpoint).statusCode()).as("the token endpoint as aud, opted in")
                .isEqualTo(200);

        // the keys move to a URL; a loopback one the server may not fetch from, so the inline key is simply gone
        browser.click("#replace-keys");
        browser.type("#keys-uri-input", "https://127.0.0.1:1/jwks.json");
        browser.click("#keys-submit");
        browser.text("#toast", "The keys were replaced");
        browser.text("#setting-keys [data-role=jwks-uri]", "https://127.0.0.1:1/jwks.json");
        browser.gone("#add-key");
        assertThat(passJson(passId).path("jwks_uri").asText()).isEqualTo("https://127.0.0.1:1/jwks.json");
        assertThat(token(clientId, second, server.issuer()).statusCode()).as("the replaced key").isEqualTo(401);

        browser.click("#replace-keys");
        browser.type("#keys-uri-input", "http://agent.example.com/jwks.json");
        browser.click("#keys-submit");
        browser.text("#keys-setting [role=alert]", "must be an https URL");
        assertThat(passJson(passId).path("jwks_uri").asText()).as("a refused change changes nothing")
                .isEqualTo("https://127.0.0.1:1/jwks.json");

        JsonNode audit = JSON.readTree(admin("GET", "/api/v1/audit?pass_id=" + passId, null).body());
        List<String> actions = StreamSupport.stream(audit.path("items").spliterator(), false)
                .map(entry -> entry.path("action").asText()).toList();
        assertThat(actions).contains("pass.keys.add", "pass.keys.remove", "pass.keys.replace");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void theWizardRegistersAJwksUriWithTheAudienceOptInAndShowsTheServersRuleForOneThatIsNotHttps() throws Exception {
        signIn();
        startKeyPass("Remote Keys Bot");
        browser.click("input[name=key_source][value=jwks_uri]");
        browser.gone("textarea[name=jwks]");
        browser.click("dialog form button[type=submit]");
        browser.text("[data-field=jwks_uri] .field-error", "Give the https address");

        browser.type("input[name=jwks_uri]", "http://agent.example.com/jwks.json");
        browser.click("dialog form button[type=submit]");
        browser.text("#create-review [data-field=jwks_uri]", "http://agent.example.com/jwks.json");
        browser.click("#create-submit");
        browser.text("[data-field=jwks_uri] .field-error",
                "must be an https URL: plain http is only for a loopback or private address");
        assertThat(browser.script("return document.activeElement.name")).isEqualTo("jwks_uri");
        assertThat(passTotal("keys")).as("nothing half-made").isZero();

        browser.type("input[name=jwks_uri]", "https://agent.example.com/jwks.json");
        browser.click("[data-field=accept_token_endpoint_audience] input[type=checkbox]");
        browser.click("dialog form button[type=submit]");
        browser.text("#create-review [data-field=accept_token_endpoint_audience]", "Accepted");
        browser.click("#create-submit");
        browser.text("#created-keys [data-role=jwks-uri]", "https://agent.example.com/jwks.json");
        String passId = browser.find("#created-pass-id").getText();
        JsonNode pass = passJson(passId);
        assertThat(pass.path("jwks_uri").asText()).isEqualTo("https://agent.example.com/jwks.json");
        assertThat(pass.path("accept_token_endpoint_audience").asBoolean()).as("the wizard's opt-in").isTrue();
        assertThat(browser.find("#created-client-id").getText()).isEqualTo(pass.path("client_id").asText());
        assertThat(browser.find("dialog[open]").getText()).doesNotContain("sps_");
        browser.click("#create-complete");
        browser.gone("dialog[open]");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private void signIn() {
        browser.driver.get(base);
        browser.type("#admin-token", ADMIN_TOKEN, Keys.ENTER);
        browser.text("h1", "Sentinel Passes");
    }

    /** Opens the wizard in project {@code keys} and goes to the security step with public keys chosen. */
    private void startKeyPass(String agent) {
        browser.driver.get(base + "#/projects/keys");
        browser.click("#new-pass");
        browser.type("input[name=agent_name]", agent);
        browser.type("input[name=agent_type]", "signer");
        browser.click("dialog form button[type=submit]");
        browser.gone("#key-fields");
        browser.click("input[name=credential_type][value=private_key_jwt]");
        browser.find("#key-fields textarea[name=jwks]");
    }

    /** Keeps every request the page sends, body included, and the text of each reply, in the page itself. */
    private void recordRequests() {
        browser.script("window.sentRequests = []; const original = window.fetch;"
                + "window.fetch = async function (input, init) {"
                + "  const entry = { url: String(input), body: init && init.body ? String(init.body) : '', reply: '' };"
                + "  window.sentRequests.push(entry);"
                + "  const response = await original.apply(this, arguments);"
                + "  entry.reply = await response.clone().text().catch(() => '');"
                + "  return response; };");
    }

    @SuppressWarnings("unchecked")
    private List<String> sentBodies() {
        return ((List<Object>) browser.script("return window.sentRequests.map(r => r.body)")).stream()
                .map(String::valueOf).toList();
    }

    private String createReply() {
        return String.valueOf(browser.script("return window.sentRequests.filter(r => r.url.endsWith('/passes') && r.body)"
                + ".map(r => r.reply).join('\\n')"));
    }

    /** A key pass made through the API, as the CLI or a script would; its client id. */
    private String apiKeyPass(String project, String agent, ECKey key) throws IOException {
        Map<String, Object> body = Map.of("agent_name", agent, "agent_type", "signer", "credential_type", "private_key_jwt",
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject())));
        HttpResponse<String> created = admin("POST", "/api/v1/projects/" + project + "/passes", JSON.writeValueAsString(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("credentials").path("client_id").asText();
    }

    private String passIdOf(String project) throws IOException {
        return JSON.readTree(admin("GET", "/api/v1/projects/" + project + "/passes", null).body())
                .path("items").get(0).path("pass_id").asText();
    }

    private long passTotal(String project) throws IOException {
        return JSON.readTree(admin("GET", "/api/v1/projects/" + project + "/passes", null).body()).path("total").asLong();
    }

    private JsonNode passJson(String passId) throws IOException {
        HttpResponse<String> reply = admin("GET", "/api/v1/passes/" + passId, null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body()).path("pass");
    }

    /** A client_credentials request authenticated by a fresh assertion of the Nimbus OAuth SDK, signed with {@code key}. */
    private HttpResponse<String> token(String clientId, ECKey key, String audience) throws Exception {
        PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID(clientId), URI.create(audience), JWSAlgorithm.ES256,
                key.toECPrivateKey(), key.getKeyID(), null);
        Map<String, List<String>> form = new HashMap<>(assertion.toParameters());
        form.put("grant_type", List.of("client_credentials"));
        form.put("client_id", List.of(clientId));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(URLUtils.serializeParameters(form))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path))
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

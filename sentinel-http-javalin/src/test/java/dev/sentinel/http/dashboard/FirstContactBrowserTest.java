package dev.sentinel.http.dashboard;

import dev.sentinel.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.http.SentinelServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's first contact, in headless Chromium running in New York's time zone ({@code TZ=America/New_York})
 * against a fresh real server per test: projects come from the server, state shown is state held, every time is UTC,
 * the one-time secret survives Escape, the success-rate dot has thresholds, and the small things.
 */
class FirstContactBrowserTest {

    private static final String ADMIN_TOKEN = "first-contact-admin-token-0123456789abcdef";
    private static final String NEW_YORK = "America/New_York";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Browser browser;
    private SentinelServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Browser.requireInstalled();
        if (browser == null) {
            browser = Browser.start(Map.of("TZ", NEW_YORK));
        }
        server = TestServer.builder(Sentinel.builder().build()).port(0).adminToken(ADMIN_TOKEN).build().start();
        base = server.baseUri().toString();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void projectsComeFromTheServerAndTheLastOneUsedOpensAgain() {
        String acmeOne = createPass("acme", "Invoice Bot").passId();
        createPass("acme", "Ledger Bot");
        String betaPass = createPass("beta", "Watcher").passId();
        ingest(List.of(event(acmeOne, Instant.parse("2026-11-20T09:30:15Z"), true)));

        signIn();
        browser.text("h1", "Projects");
        WebElement acme = browser.find("#projects-table tr[data-project=acme]");
        assertThat(acme.getText()).contains("acme", "2").contains("Nov 20, 2026, 09:30:15 UTC").doesNotContain("ago");
        assertThat(browser.find("#projects-table tr[data-project=beta]").getText()).contains("Never");
        assertThat(browser.all("#project-list option").stream().map(option -> option.getAttribute("value")))
                .containsExactly("acme", "beta");
        browser.screenshot("20-projects");

        browser.click("#projects-table tr[data-project=acme] a");
        browser.find("#passes-table tr[data-pass-id='" + acmeOne + "']");
        assertThat(browser.find("#project-input").getAttribute("value")).isEqualTo("acme");

        browser.click("#sign-out");
        browser.type("#admin-token", ADMIN_TOKEN, Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/acme") ? true : null, "the last project used");
        browser.find("#passes-table tr[data-pass-id='" + acmeOne + "']");

        browser.driver.get(base + "#/passes/" + betaPass + "/overview");
        browser.text("h1", "Watcher");
        browser.until(d -> "beta".equals(browser.find("#project-input").getAttribute("value")) ? true : null,
                "the pass's own project in the picker");
    }

    @Test
    void theOnlyProjectOpensAtSignInAndAnEmptyServerOffersDefault() {
        signIn();
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/default") ? true : null, "default on an empty server");
        browser.text(".empty h2", "No passes yet");

        String only = createPass("solo", "Only Agent").passId();
        browser.script("localStorage.clear(); sessionStorage.clear()");
        signIn();
        browser.until(d -> d.getCurrentUrl().endsWith("#/projects/solo") ? true : null, "the only project");
        browser.find("#passes-table tr[data-pass-id='" + only + "']");
    }

    @Test
    void toggleShowsTheStateHeldKeepsFocusAndAsksBeforeEndingTokens() {
        Created pass = createPass("demo", "Toggle Bot");
        signIn();
        browser.driver.get(base + "#/passes/" + pass.passId() + "/overview");
        assertThat(browser.find("#toggle-status").getText()).isEqualTo("Deactivate");

        browser.click("#toggle-status");
        WebElement question = browser.find("dialog[open]");
        assertThat(question.getText()).contains("Deactivate " + pass.passId(), "Toggle Bot can no longer get access tokens",
                "every token it holds stops being accepted at once");
        assertThat(browser.script("return document.activeElement.dataset.role")).isEqualTo("cancel");
        browser.click("dialog[open] [data-role=cancel]");
        browser.gone("dialog[open]");
        assertThat(browser.find(".detail-head .badge").getText()).isEqualTo("Active");

        browser.click("#toggle-status");
        browser.click("dialog[open] [data-role=confirm]");
        browser.text(".detail-head .badge", "Inactive");
        browser.until(d -> "Activate".equals(browser.find("#toggle-status").getText()) ? true : null, "an Activate button");
        browser.until(d -> "toggle-status".equals(browser.activeElementId()) ? true : null, "focus kept on the button");

        browser.click("#toggle-status");
        assertThat(browser.all("dialog[open]")).as("turning a pass on asks nothing").isEmpty();
        browser.until(d -> "Deactivate".equals(browser.find("#toggle-status").getText()) ? true : null, "a Deactivate button");
        assertThat(browser.find(".detail-head .badge").getText()).isEqualTo("Active");
        assertThat(browser.activeElementId()).isEqualTo("toggle-status");

        browser.click("#tab-settings");
        browser.click("#revoke-pass");
        assertThat(browser.find("dialog[open]").getText()).contains("Revoke " + pass.passId(),
                "can no longer authenticate", "every token issued to it stops being accepted at once", "history are kept");
        browser.click("dialog[open] [data-role=confirm]");
        browser.text(".detail-head .badge", "Revoked");
        browser.until(d -> "activate-pass".equals(browser.activeElementId()) ? true : null, "focus on Activate");

        browser.click("#tab-overview");
        assertThat(browser.find("#toggle-status").getText()).as("a revoked pass is activated from the Overview too")
                .isEqualTo("Activate");
        browser.click("#toggle-status");
        browser.text(".detail-head .badge", "Active");
        browser.until(d -> "Deactivate".equals(browser.find("#toggle-status").getText()) ? true : null, "Deactivate again");
    }

    @Test
    void everyTimeIsUtcAndSaysSoInABrowserInNewYork() {
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(NEW_YORK);
        Created pass = createPass("demo", "Clock Bot");
        Instant lastHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS).plusSeconds(15 * 60 + 15);
        Instant twoDaysAgo = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plusSeconds(3600 + 7);
        ingest(List.of(event(pass.passId(), lastHour, true), event(pass.passId(), twoDaysAgo, true),
                event(pass.passId(), twoDaysAgo.plusSeconds(60), false)));
        signIn();
        browser.driver.get(base + "#/passes/" + pass.passId() + "/usage");

        String note = browser.find("#time-zone-note").getText();
        assertThat(note).contains("All times are in UTC").contains(NEW_YORK + ", UTC−0");
        assertThat(browser.find("label[for=activity-start_date]").getText()).isEqualTo("From (UTC)");
        assertThat(browser.find("label[for=activity-end_date]").getText()).isEqualTo("To (UTC)");
        WebElement newest = browser.find("#activity-table tbody.event time");
        assertThat(newest.getText()).isEqualTo(utc("MMM d, yyyy, HH:mm:ss", lastHour) + " UTC")
                .doesNotContain(local("HH:mm:ss", lastHour));
        assertThat(browser.find("#activity-table thead").getText()).containsIgnoringCase("Timestamp (UTC)");

        browser.click("details.data-table summary");
        String hourly = browser.find("#timeline-table").getText();
        assertThat(hourly).contains("HOUR (UTC)").contains(utc("MMM d, HH", lastHour.truncatedTo(ChronoUnit.HOURS)) + ":00 UTC");
        assertTicksOn(3600);
        assertThat(browser.find("#usage-chart").getAttribute("data-partial-index")).as("the current hour").isEqualTo("23");
        List<WebElement> hours = browser.all("#timeline-table tbody tr");
        assertThat(hours.get(23).getText()).contains(utc("MMM d, HH", Instant.now().truncatedTo(ChronoUnit.HOURS)) + ":00 UTC")
                .contains("(this hour so far)");
        assertThat(hours.get(22).getText()).doesNotContain("so far");
        assertThat(browser.find("#partial-legend").getText()).isEqualTo("This hour so far");
        assertThat(browser.find("#usage-chart").getAttribute("aria-label")).contains("the last point is this hour so far");

        browser.click("label:has(input[value='7d'])");
        browser.until(d -> browser.find("#timeline-table").getText().contains("DAY (UTC)") ? true : null, "daily rows");
        assertThat(browser.find("#timeline-table").getText()).contains(utc("MMM d, yyyy", twoDaysAgo));
        assertTicksOn(86_400);
        browser.until(d -> "Today so far".equals(browser.find("#partial-legend").getText()) ? true : null, "today, partial");
        assertThat(browser.all("#timeline-table tbody tr").get(6).getText()).contains("(today so far)");
        List<Long> starts = browser.all("#timeline-table tbody time").stream()
                .map(time -> Instant.parse(time.getAttribute("datetime")).getEpochSecond()).toList();
        assertThat(starts).hasSize(7).allSatisfy(start -> assertThat(start % 86_400).as("a UTC midnight").isZero());

        WebElement over = browser.find("#usage-chart .u-over");
        int width = over.getSize().getWidth();
        int index = 4;
        int x = (int) Math.round(width * index / 6.0) - width / 2;
        new Actions(browser.driver).moveToElement(over, Math.max(-width / 2 + 1, Math.min(width / 2 - 1, x)), 0).perform();
        WebElement tip = browser.find("#chart-tip");
        int shown = Integer.parseInt(tip.getAttribute("data-index"));
        List<WebElement> rows = browser.all("#timeline-table tbody tr");
        String day = rows.get(shown).findElement(org.openqa.selenium.By.tagName("time")).getText();
        String total = rows.get(shown).findElements(org.openqa.selenium.By.tagName("td")).get(1).getText();
        assertThat(tip.getText()).contains(day + " (UTC day)").contains(total + " requests").contains("success");
        browser.screenshot("21-usage-new-york");
    }

    @Test
    void escapeOnACredentialsStepAsksBeforeTheSecretIsGone() {
        signIn();
        browser.click("#new-pass");
        browser.type("input[name=agent_name]", "Secret Keeper");
        browser.type("input[name=agent_type]", "keeper");
        browser.click("dialog form button[type=submit]");
        browser.click("dialog form button[type=submit]");
        browser.click("#create-submit");
        String secret = browser.find("code[data-format=json]").getText();

        browser.find("dialog[open]").sendKeys(Keys.ESCAPE);
        browser.text("dialog[open] .dialog-title", "Close without the secret?");
        assertThat(browser.all("dialog[open]")).hasSize(2);
        assertThat(browser.script("return document.activeElement.dataset.role")).isEqualTo("cancel");
        browser.screenshot("22-escape-asks");
        browser.click("dialog[open] [data-role=cancel]");
        assertThat(browser.all("dialog[open]")).hasSize(1);
        assertThat(browser.find("code[data-format=json]").getText()).isEqualTo(secret);

        browser.click("dialog[open] code[data-format=json]");
        browser.find("dialog[open]").sendKeys(Keys.ESCAPE);
        browser.text("dialog[open] .dialog-title", "Close without the secret?");
        browser.click("dialog[open] [data-role=confirm]");
        browser.gone("dialog[open]");

        browser.click("#passes-table a.pass-link");
        browser.click("#regenerate");
        browser.click("#regenerate-confirm");
        browser.find("dialog[open] code[data-format=bash]");
        for (WebElement pre : browser.all("dialog[open] pre")) {
            long overflow = (Long) browser.script("return arguments[0].scrollWidth - arguments[0].clientWidth", pre);
            assertThat(overflow).as("horizontal scrolling of " + pre.getText()).isLessThanOrEqualTo(0);
        }
        String bash = browser.find("dialog[open] code[data-format=bash]").getText();
        assertThat(bash.replace("\n", "")).contains("export SENTINEL_CLIENT_SECRET='sps_");
        browser.screenshot("23-regenerated-wide");
        browser.find("dialog[open]").sendKeys(Keys.ESCAPE);
        browser.text("dialog[open] .dialog-title", "Close without the secret?");
        browser.click("dialog[open] [data-role=cancel]");
        browser.click("#regenerate-done");
        browser.gone("dialog[open]");
    }

    @Test
    void theSuccessRateDotHasThresholds() {
        Created none = createPass("demo", "Idle Bot");
        Created zero = withRate("Broken Bot", 0, 3);
        Created ninety = withRate("Shaky Bot", 9, 10);
        Created hundred = withRate("Solid Bot", 4, 4);
        Created edge = withRate("Edge Bot", 19, 20);
        signIn();

        assertThat(overviewTone(none)).isEqualTo("tone-grey");
        assertThat(overviewTone(zero)).isEqualTo("tone-red");
        assertThat(overviewTone(ninety)).isEqualTo("tone-yellow");
        assertThat(overviewTone(hundred)).isEqualTo("tone-green");
        assertThat(overviewTone(edge)).as("95% is green").isEqualTo("tone-green");

        browser.driver.get(base + "#/passes/" + ninety.passId() + "/usage");
        assertThat(browser.text("[data-metric=success_rate].tone-yellow", "90%").getText()).contains("Degraded");
        browser.driver.get(base + "#/passes/" + none.passId() + "/usage");
        assertThat(browser.text("[data-metric=success_rate].tone-grey", "—").getText()).contains("No requests");
        assertThat(browser.text("#chart-empty", "No requests yet").getText()).contains("in the last 24 hours");
        assertThat(browser.all("#usage-chart").get(0).getAttribute("data-state")).isEqualTo("empty");
        assertThat(browser.all("#usage-chart canvas")).as("no flat line on an empty axis").isEmpty();
        browser.script("document.getElementById('chart-empty').scrollIntoView({block: 'center'})");
        browser.screenshot("24-usage-no-requests");
        browser.driver.get(base + "#/passes/" + ninety.passId() + "/usage");
        browser.find("#usage-chart canvas");
        assertThat(browser.all("#chart-empty")).allSatisfy(empty -> assertThat(empty.isDisplayed()).isFalse());
    }

    @Test
    void smallThingsAreRight() throws Exception {
        Created big = createPass("demo", "Busy Bot");
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_006; i++) {
            many.add(event(big.passId(), start.plusMillis(i * 10L), i % 10 != 0));
        }
        for (int from = 0; from < many.size(); from += 1000) {
            ingest(many.subList(from, Math.min(from + 1000, many.size())));
        }
        signIn();
        browser.driver.get(base + "#/passes/" + big.passId() + "/usage");
        browser.find("#activity-table");

        browser.click("#export-menu summary");
        browser.click("#export-menu [data-format=csv]");
        WebElement refusal = browser.text("[role=alert]", "10,006 records");
        assertThat(refusal.getText()).contains("limit of 10,000").contains("From").contains("To")
                .doesNotContain("start_date").doesNotContain("10006");
        assertThat(browser.find("#export-menu").getAttribute("open")).as("export menu closed").isNull();

        browser.type("#activity-start_date", "12312026");
        browser.type("#activity-end_date", "01012026");
        browser.text("[role=alert]", "To must be after From");
        assertThat(browser.all("#activity-table")).as("rows of the refused filter").isEmpty();
        assertThat(browser.all("#activity-summary")).isEmpty();
        browser.click("#clear-filters");
        browser.find("#activity-table");

        browser.click("#auto-refresh");
        assertThat(browser.find("#auto-refresh").isSelected()).isFalse();
        browser.driver.navigate().refresh();
        browser.find("#activity-table");
        assertThat(browser.find("#auto-refresh").isSelected()).as("auto-refresh off after reload").isFalse();
        browser.find("#refresh-status[data-auto-refresh=paused]");
        browser.click("#auto-refresh");
        browser.driver.navigate().refresh();
        assertThat(browser.find("#auto-refresh").isSelected()).isTrue();

        browser.find("#tab-usage").sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> "tab-settings".equals(browser.activeElementId()) ? true : null, "keyboard focus on Settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> ring = (Map<String, Object>) browser.script("const s = getComputedStyle(document.activeElement);"
                + "return {visible: document.activeElement.matches(':focus-visible'), style: s.outlineStyle,"
                + " width: s.outlineWidth, offset: s.outlineOffset}");
        assertThat(ring.get("visible")).isEqualTo(true);
        assertThat(ring.get("style")).isEqualTo("solid");
        assertThat(Double.parseDouble(String.valueOf(ring.get("width")).replace("px", ""))).isGreaterThanOrEqualTo(2);
        assertThat(Double.parseDouble(String.valueOf(ring.get("offset")).replace("px", "")))
                .as("drawn inside the tab, where the scrolling tab strip cannot clip it").isLessThanOrEqualTo(-2);

        browser.driver.get(base + "#/projects/demo");
        browser.click("#new-pass");
        browser.type("input[name=agent_name]", "Twin Bot");
        browser.type("input[name=agent_type]", "twin");
        browser.click("dialog form button[type=submit]");
        browser.type("input[name=pass_id]", big.passId());
        browser.click("dialog form button[type=submit]");
        browser.click("#create-submit");
        browser.text("dialog [role=alert]", "Pass ID " + big.passId() + " is taken");
        assertThat(browser.find("[data-field=pass_id] .field-error").getText()).startsWith("Pass ID " + big.passId() + " is taken");
        assertThat(browser.find("dialog [role=alert]").getText()).doesNotContain("pass_id");
        assertThat(browser.consoleProblems()).as("browser console errors and warnings").isEmpty();
    }

    @Test
    void thePassesListShowsUseInTheApisOrderAndIsSearchedAndSorted() throws IOException {
        Created ledger = createPass("demo", "Ledger Bot");
        Created busy = createPass("demo", "Busy Bot");
        Created watcher = createPass("demo", "Watcher");
        Instant earlier = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant later = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ingest(List.of(event(busy.passId(), earlier, true), event(busy.passId(), earlier.plusSeconds(1), true),
                event(busy.passId(), earlier.plusSeconds(2), false), event(watcher.passId(), later, true)));
        signIn();
        browser.find("#passes-table");

        List<String> apiOrder = new ArrayList<>();
        JSON.readTree(admin("GET", "/api/v1/projects/demo/passes", "").body()).path("items")
                .forEach(item -> apiOrder.add(item.path("pass_id").asText()));
        assertThat(rows()).as("the API's (and the CLI's) order").containsExactlyElementsOf(apiOrder);
        WebElement busyRow = browser.find("#passes-table tr[data-pass-id='" + busy.passId() + "']");
        assertThat(busyRow.findElement(org.openqa.selenium.By.cssSelector("[data-column=requests]")).getText()).isEqualTo("3");
        assertThat(busyRow.findElement(org.openqa.selenium.By.cssSelector("[data-column=last-used]")).getText())
                .isEqualTo(utc("MMM d, yyyy, HH:mm:ss", earlier.plusSeconds(2)) + " UTC");
        assertThat(browser.find("#passes-table tr[data-pass-id='" + ledger.passId() + "'] [data-column=last-used]").getText())
                .isEqualTo("Never");
        assertThat(browser.find("#passes-table thead").getText()).containsIgnoringCase("Last used (UTC)")
                .containsIgnoringCase("Requests");
        browser.screenshot("25-passes-list");

        new Select(browser.find("#pass-sort")).selectByValue("requests");
        browser.until(d -> rows().get(0).equals(busy.passId()) ? true : null, "the busiest pass first");
        new Select(browser.find("#pass-sort")).selectByValue("last-used");
        assertThat(rows()).containsExactly(watcher.passId(), busy.passId(), ledger.passId());
        new Select(browser.find("#pass-sort")).selectByValue("created-desc");
        List<String> newestFirst = new ArrayList<>(apiOrder);
        java.util.Collections.reverse(newestFirst);
        assertThat(rows()).containsExactlyElementsOf(newestFirst);
        new Select(browser.find("#pass-sort")).selectByValue("name");
        assertThat(rows()).containsExactly(busy.passId(), ledger.passId(), watcher.passId());

        browser.find("#pass-search").sendKeys("ledger");
        browser.until(d -> rows().equals(List.of(ledger.passId())) ? true : null, "only the matching pass");
        assertThat(browser.find("#pass-count").getText()).isEqualTo("1 of 3 passes match");
        browser.type("#pass-search", busy.passId());
        browser.until(d -> rows().equals(List.of(busy.passId())) ? true : null, "a pass found by its ID");
        browser.type("#pass-search", "no such agent");
        browser.text("#passes-none", "No pass matches");
        browser.find("#pass-search").clear();
        browser.find("#pass-search").sendKeys(Keys.SPACE, Keys.BACK_SPACE);
        browser.until(d -> rows().size() == 3 ? true : null, "every pass again");
        assertThat(browser.find("label[for=pass-search]").getText()).isEqualTo("Search passes");
        assertThat(browser.find("label[for=pass-sort]").getText()).isEqualTo("Sort by");
    }

    @Test
    void aNeverUsedPassShowsTheTokenEndpointAndACurlLineThatWorksAsPasted() throws Exception {
        JsonNode created = createBody("demo", "First Bot");
        String passId = created.path("pass").path("pass_id").asText();
        String clientId = created.path("credentials").path("client_id").asText();
        String secret = created.path("credentials").path("client_secret").asText();
        String published = JSON.readTree(admin("GET", "/.well-known/oauth-authorization-server", "").body())
                .path("token_endpoint").asText();
        signIn();
        browser.driver.get(base + "#/passes/" + passId + "/overview");

        WebElement card = browser.text("#first-token", "not been used yet");
        browser.until(d -> published.equals(browser.find("#first-token [data-role=token-endpoint]").getText()) ? true : null,
                "the published token endpoint");
        String curl = browser.find("#first-token code[data-format=curl]").getText();
        assertThat(curl).contains(clientId).contains("$SENTINEL_CLIENT_SECRET").contains(published).doesNotContain(secret);
        assertThat(card.findElements(org.openqa.selenium.By.cssSelector("button.copy"))).hasSize(2);
        assertThat(card.getText()).doesNotContain(secret);
        browser.screenshot("26-overview-first-token");

        JsonNode token = JSON.readTree(PastedShell.run(curl, Map.of("SENTINEL_CLIENT_SECRET", secret)));
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(token.path("access_token").asText()).isNotBlank();

        browser.until(d -> {
            browser.driver.navigate().refresh();
            browser.text("h1", "First Bot");
            browser.find("[data-stat=total_requests]");
            return browser.all("#first-token").isEmpty() ? true : null;
        }, "the card gone once the pass is used");
    }

    @Test
    void aFloodOfFailedAttemptsIsOneRowThatSaysHowManyItStandsFor() throws Exception {
        server.close();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        server = TestServer.builder(Sentinel.builder().clock(clock).build()).port(0).adminToken(ADMIN_TOKEN).build().start();
        base = server.baseUri().toString();
        JsonNode created = createBody("demo", "Target Bot");
        String passId = created.path("pass").path("pass_id").asText();
        String clientId = created.path("credentials").path("client_id").asText();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                            + "&client_secret=sps_wrong" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        clock.advance(java.time.Duration.ofMinutes(2));
        server.node().flushFailedAttempts();
        signIn();
        browser.driver.get(base + "#/passes/" + passId + "/usage");

        // The log re-renders while evidence arrives (built every 100 ms), so the row is read inside the wait.
        String counted = browser.until(d -> {
            browser.click("#refresh-usage");
            try {
                return browser.all("#activity-table .tag-attempts").stream().findFirst().map(WebElement::getText)
                        .orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                return null;
            }
        }, "the row of the counted attempts");
        assertThat(counted).isEqualTo("3 attempts");
        assertThat(browser.all("#activity-table tbody.event")).as("the first failure and the one that counts the rest")
                .hasSize(2);
        browser.fullPage("27-usage-attempts");
    }

    private List<String> rows() {
        return browser.all("#passes-table tbody tr").stream().map(row -> row.getAttribute("data-pass-id")).toList();
    }

    private String overviewTone(Created pass) {
        browser.driver.get(base + "#/passes/" + pass.passId() + "/overview");
        browser.text("h1", pass.name());
        WebElement stat = browser.find("[data-stat=success_rate]").findElement(org.openqa.selenium.By.xpath(".."));
        return Arrays.stream(stat.getAttribute("class").split(" ")).filter(name -> name.startsWith("tone-"))
                .findFirst().orElse("none");
    }

    private void assertTicksOn(long step) {
        String ticks = browser.until(d -> browser.find("#usage-chart").getAttribute("data-x-ticks"), "x-axis ticks");
        assertThat(Arrays.stream(ticks.split(",")).mapToLong(tick -> (long) Double.parseDouble(tick)))
                .as("ticks at whole UTC " + (step == 3600 ? "hours" : "days")).isNotEmpty()
                .allSatisfy(tick -> assertThat(tick % step).isZero());
    }

    private Created withRate(String name, int successes, int total) {
        Created pass = createPass("demo", name);
        List<Map<String, Object>> events = new ArrayList<>();
        Instant at = Instant.now().minus(30, ChronoUnit.MINUTES);
        for (int i = 0; i < total; i++) {
            events.add(event(pass.passId(), at.plusSeconds(i), i < successes));
        }
        ingest(events);
        return pass;
    }

    private void signIn() {
        browser.driver.get(base + "#/signin");
        browser.type("#admin-token", ADMIN_TOKEN, Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().contains("#/projects") ? true : null, "a projects page after sign-in");
    }

    private static String utc(String pattern, Instant instant) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(ZoneOffset.UTC).format(instant);
    }

    private static String local(String pattern, Instant instant) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(ZoneId.of(NEW_YORK)).format(instant);
    }

    private static Map<String, Object> event(String passId, Instant at, boolean success) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("pass_id", passId);
        event.put("type", "api_request");
        event.put("started_at", at.toString());
        event.put("endpoint", "/v1/things");
        event.put("http_method", "GET");
        event.put("success", success);
        event.put("status_code", success ? 200 : 502);
        event.put("duration_ms", 40);
        return event;
    }

    private void ingest(List<Map<String, Object>> events) {
        HttpResponse<String> response = admin("POST", "/api/v1/activity", write(events));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode createBody(String project, String name) {
        HttpResponse<String> response = admin("POST", "/api/v1/projects/" + project + "/passes",
                write(Map.of("agent_name", name, "agent_type", "bot")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            return JSON.readTree(response.body());
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private Created createPass(String project, String name) {
        HttpResponse<String> response = admin("POST", "/api/v1/projects/" + project + "/passes",
                write(Map.of("agent_name", name, "agent_type", "bot")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            JsonNode body = JSON.readTree(response.body());
            return new Created(body.get("pass").get("pass_id").asText(), name);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
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

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private record Created(String passId, String name) {
    }
}

package dev.sentinel.http.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.TestServer;
import dev.sentinel.http.session.SessionCookies;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real OpenID provider on loopback (mock-oauth2-server: discovery, authorization endpoint,
 * token endpoint with PKCE, JWKS), driven by a real HTTP client that keeps cookies and follows the redirects as a
 * browser would; every attack is performed, not described.
 */
class SingleSignOnTest {

    private static final String CLIENT_ID = "sentinel-dashboard";
    private static final String CLIENT_SECRET = "a-client-secret-the-provider-does-not-check";

    private final ForgingKeys keys = new ForgingKeys();
    private final MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(keys), java.util.Set.of()));
    private final InMemoryStorage storage = new InMemoryStorage();
    private Sentinel sentinel;
    private SentinelServer server;
    private Account ada;
    private Account grace;
    private HttpClient browser;
    private String issuer;
    private boolean providerStopped;

    @BeforeEach
    void start() {
        provider.start();
        issuer = provider.issuerUrl("default").toString();
        sentinel = Sentinel.builder().storage(storage).build();
        ada = sentinel.accounts().create(new CreateAccountCommand("ada@example.com", "Ada", false, null));
        grace = sentinel.accounts().create(new CreateAccountCommand("grace@example.com", "Grace", false, null));
        startSentinel(builder -> builder.oidc(issuer, CLIENT_ID, CLIENT_SECRET).oidcName("Example ID"));
    }

    private void startSentinel(UnaryOperator<TestServer.Builder> settings) {
        if (server != null) {
            server.close();
        }
        server = settings.apply(TestServer.builder(sentinel).port(0).keyEncryptionKey(new byte[32])
                .stopTimeout(Duration.ZERO)).build().start();
        browser = newBrowser();
    }

    @AfterEach
    void stop() {
        server.close();
        if (!providerStopped) {
            provider.shutdown();
        }
    }

    @Test
    void linksTheAccountWithTheVerifiedEmailThenMatchesBySubjectAlone() throws Exception {
        HttpResponse<String> first = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/");
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).map(Account::id).hasValue(ada.id());
        assertThat(server.node().sessions().resume(sessionCookie(first)))
                .hasValueSatisfying(active -> assertThat(active.session().account()).isEqualTo(ada.id()));

        // the provider now says subject-ada is grace@example.com: the link decides, not the email
        HttpResponse<String> second = signInAs("subject-ada", Map.of("email", "grace@example.com", "email_verified", true));

        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(server.node().sessions().resume(sessionCookie(second)))
                .hasValueSatisfying(active -> assertThat(active.session().account()).isEqualTo(ada.id()));
        assertThat(actions("ada@example.com")).containsExactly("account.sso_link", "account.sign_in", "account.sign_in");
        assertThat(actions("grace@example.com")).isEmpty();
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).map(Account::id).hasValue(ada.id());
    }

    @Test
    void anEmailTheProviderDidNotVerifyDoesNotReachTheAccount() throws Exception {
        HttpResponse<String> reply = signInAs("subject-x", Map.of("email", "ada@example.com", "email_verified", false));

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.body()).contains("did not confirm that your email address is verified");
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SessionCookies.NAME));
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-x")).isEmpty();
        assertThat(actions("ada@example.com")).isEmpty();
        assertThat(refusals()).anySatisfy(detail -> assertThat(detail).contains("sub=subject-x")
                .contains("reason=email_not_verified"));
    }

    @Test
    void aSecondSubjectClaimingALinkedEmailDoesNotReachTheAccount() throws Exception {
        assertThat(signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true)).statusCode())
                .isEqualTo(302);

        HttpResponse<String> intruder = signInAs("subject-mallory", Map.of("email", "ada@example.com",
                "email_verified", true));

        assertThat(intruder.statusCode()).isEqualTo(403);
        assertThat(intruder.body()).contains("No Sentinel account may sign in with this identity");
        assertThat(intruder.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SessionCookies.NAME));
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-mallory")).isEmpty();
        assertThat(actions("ada@example.com")).containsExactly("account.sso_link", "account.sign_in");
        assertThat(refusals()).anySatisfy(detail -> assertThat(detail).contains("reason=linked_to_another_subject"));
    }

    @Test
    void someoneWithoutAnAccountIsRefusedWithAClearPage() throws Exception {
        HttpResponse<String> reply = signInAs("subject-n", Map.of("email", "nobody@example.com", "email_verified", true));

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(reply.body()).contains("Ask a Sentinel owner");
        assertThat(refusals()).anySatisfy(detail -> assertThat(detail).contains("reason=no_account"));
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));
        URI forged = URI.create(callback.toString().replaceFirst("state=[^&]+", "state=forged-state"));

        HttpResponse<String> reply = get(forged);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("does not belong to the sign-in started in this browser");
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
    }

    @Test
    void aCallbackFromAnotherBrowserIsRefused() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));

        HttpResponse<String> reply = newBrowser().send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("was not started in this browser");
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));
        String stateCookie = cookie();
        assertThat(get(callback).statusCode()).isEqualTo(302);

        HttpResponse<String> sameBrowser = get(callback);
        HttpResponse<String> withTheOldCookie = newBrowser().send(HttpRequest.newBuilder(callback)
                .header("Cookie", OidcRoutes.COOKIE + "=" + stateCookie).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(sameBrowser.statusCode()).isEqualTo(400); // the state cookie was spent
        assertThat(withTheOldCookie.statusCode()).isEqualTo(401); // the provider redeems a code once
        assertThat(actions("ada@example.com")).containsExactly("account.sso_link", "account.sign_in");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        HttpResponse<String> reply = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true,
                "nonce", "the-nonce-of-another-sign-in"));

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("could not be verified");
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
        assertThat(refusals()).anySatisfy(detail -> assertThat(detail).containsIgnoringCase("nonce"));
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
        keys.forge();

        HttpResponse<String> reply = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
        assertThat(refusals()).anySatisfy(detail -> assertThat(detail).containsIgnoringCase("signature"));
    }

    @Test
    void aResponseNamingAnotherIssuerIsRefused() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));

        HttpResponse<String> reply = get(URI.create(callback + "&iss=" + java.net.URLEncoder.encode(
                "http://127.0.0.1:1/evil", java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("another provider");
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
    }

    @Test
    void theRightIssuerInTheResponseIsAccepted() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));

        HttpResponse<String> reply = get(URI.create(callback + "&iss=" + java.net.URLEncoder.encode(issuer,
                java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(reply.statusCode()).isEqualTo(302);
    }

    @Test
    void theStartSendsTheBrowserToTheProviderWithPkceStateAndNonceInASealedHttpOnlyCookie() throws Exception {
        HttpResponse<String> reply = get(server.baseUri().resolve(OidcRoutes.START_PATH));

        assertThat(reply.statusCode()).isEqualTo(302);
        String location = reply.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(provider.authorizationEndpointUrl("default").toString())
                .contains("code_challenge_method=S256").contains("code_challenge=").contains("state=")
                .contains("nonce=").contains("redirect_uri=" + java.net.URLEncoder.encode(server.baseUri()
                        + OidcRoutes.CALLBACK_PATH, java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("code_verifier");
        String setCookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(OidcRoutes.COOKIE + "=aes256gcm:v1:").contains("HttpOnly")
                .contains("SameSite=Lax").contains("Max-Age=600");
    }

    @Test
    void aProviderThatCannotBeReachedIsAClearPageNotAStackTrace() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        startSentinel(builder -> builder.oidc("http://127.0.0.1:" + closed + "/default", CLIENT_ID, CLIENT_SECRET));

        HttpResponse<String> reply = get(server.baseUri().resolve(OidcRoutes.START_PATH));

        assertThat(reply.statusCode()).isEqualTo(502);
        assertThat(reply.body()).contains("cannot reach the sign-in provider http://127.0.0.1:" + closed + "/default")
                .doesNotContain("Exception").doesNotContain("at dev.sentinel");
    }

    @Test
    void aDisabledAccountIsRefusedThroughSingleSignOnLinkedOrNot() throws Exception {
        assertThat(signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true)).statusCode())
                .isEqualTo(302);
        sentinel.accounts().setDisabled(ada.id(), true);
        sentinel.accounts().setDisabled(grace.id(), true);

        HttpResponse<String> linked = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));
        HttpResponse<String> first = signInAs("subject-grace", Map.of("email", "grace@example.com",
                "email_verified", true));

        for (HttpResponse<String> reply : List.of(linked, first)) {
            assertThat(reply.statusCode()).isEqualTo(403);
            assertThat(reply.body()).contains("No access").doesNotContain("Exception");
            assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SessionCookies.NAME));
        }
        assertThat(actions("ada@example.com")).containsExactly("account.sso_link", "account.sign_in");
        assertThat(actions("grace@example.com")).isEmpty();
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-grace")).isEmpty();
        assertThat(refusals()).filteredOn(detail -> detail.contains("reason=disabled")).hasSize(2);
    }

    @Test
    void aTokenEndpointThatGoesDownDuringTheCallbackIsAClearPageNotAStackTrace() throws Exception {
        URI callback = authorize("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));
        provider.shutdown(); // after the browser was sent back: only the code's redemption meets the closed port
        providerStopped = true;

        HttpResponse<String> reply = get(callback);

        assertThat(reply.statusCode()).isEqualTo(502);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(reply.body()).contains("Sign-in provider unavailable").contains("cannot reach the sign-in provider")
                .doesNotContain("Exception").doesNotContain("at dev.sentinel").doesNotContain(CLIENT_SECRET);
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SessionCookies.NAME));
        assertThat(sentinel.accounts().findByIdentity(issuer, "subject-ada")).isEmpty();
    }

    @Test
    void theRolesClaimSetsOwnerAndMembershipsOfExistingProjects() throws Exception {
        sentinel.projects().create("payments", null);
        sentinel.projects().create("search", null);
        startSentinel(builder -> builder.oidc(issuer, CLIENT_ID, CLIENT_SECRET).oidcRolesClaim("groups"));

        HttpResponse<String> first = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true,
                "groups", List.of("payments:admin", "search:viewer", "unknown-project:admin", "staff")));

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(memberships(ada)).containsExactlyInAnyOrder("payments=admin", "search=viewer");
        assertThat(sentinel.accounts().find(ada.id()).orElseThrow().owner()).isFalse();

        HttpResponse<String> second = signInAs("subject-ada", Map.of("email", "ada@example.com", "email_verified", true,
                "groups", List.of("sentinel-owner", "search:admin")));

        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(memberships(ada)).containsExactly("search=admin");
        assertThat(sentinel.accounts().find(ada.id()).orElseThrow().owner()).isTrue();
    }

    @Test
    void theSignInPageLearnsTheProviderAndWhereToStart() throws Exception {
        HttpResponse<String> reply = get(server.baseUri().resolve(OidcRoutes.PROVIDERS_PATH));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"providers\":[{\"id\":\"oidc\",\"name\":\"Example ID\",\"start\":\""
                + OidcRoutes.START_PATH + "\"}]}");
    }

    @Test
    void withoutSingleSignOnThereIsNoProviderAndNoStart() throws Exception {
        startSentinel(builder -> builder);

        assertThat(get(server.baseUri().resolve(OidcRoutes.PROVIDERS_PATH)).body()).isEqualTo("{\"providers\":[]}");
        assertThat(get(server.baseUri().resolve(OidcRoutes.START_PATH)).statusCode()).isEqualTo(404);
    }

    /** The whole sign-in as a browser does it: Sentinel's start, the provider's authorization endpoint, the callback. */
    private HttpResponse<String> signInAs(String subject, Map<String, Object> claims) throws Exception {
        return get(authorize(subject, claims));
    }

    /** Up to the provider's redirect back: the callback URL the browser is sent to. */
    private URI authorize(String subject, Map<String, Object> claims) throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", null, claims, 300));
        HttpResponse<String> start = get(server.baseUri().resolve(OidcRoutes.START_PATH));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        HttpResponse<String> atProvider = get(URI.create(start.headers().firstValue("Location").orElseThrow()));
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo(OidcRoutes.CALLBACK_PATH);
        return callback;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> reply) {
        String header = reply.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(SessionCookies.NAME + "=")).findFirst().orElseThrow();
        assertThat(header).contains("HttpOnly").contains("SameSite=Lax");
        return header.substring(SessionCookies.NAME.length() + 1, header.indexOf(';'));
    }

    private String cookie() {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(OidcRoutes.COOKIE)).findFirst().orElseThrow().getValue();
    }

    private static HttpClient newBrowser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private List<AuditRecord> audit() {
        List<AuditRecord> records = new ArrayList<>();
        server.node().audit().export(Principal.adminToken(), AuditFilter.all(), records::add);
        return records;
    }

    private List<String> actions(String actor) {
        return audit().stream().filter(record -> record.entry().actor().equals(actor))
                .map(record -> record.entry().action()).toList();
    }

    private List<String> refusals() {
        return audit().stream().filter(record -> record.entry().action().equals("account.sso_refused"))
                .map(record -> record.entry().detail()).toList();
    }

    private List<String> memberships(Account account) {
        return storage.read(session -> session.memberships().listByAccount(account.id())).stream()
                .map((Membership membership) -> membership.project().value() + "=" + membership.role().code()).toList();
    }
}

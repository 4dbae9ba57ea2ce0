package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workload identity federation against an issuer Sentinel finds by OpenID discovery: the issuer is run by the test on
 * loopback over plain http (so the server allows private targets), and each fault of a real issuer — a key rotated,
 * a kid nobody published, the issuer down, a body trickled, a hostile JWKS — is played against the real server.
 * Also the trust-policy rule for plain http, the federated client assertion, and Nimbus's OAuth SDK grants.
 */
class DiscoveredIssuerFederationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String KEYS_UNAVAILABLE = "the keys of the token's issuer are not available now";
    private static final String NOT_ACCEPTED = "the token's signature is not accepted";

    private final ServerFixture fixture = new ServerFixture(server -> server.node(settings -> settings
            .allowPrivateTargets(true).keysStaleIfError(Duration.ofMinutes(10))));
    private final LoopbackIssuer issuer = LoopbackIssuer.started("k1");
    private final CreatedPass deployer = fixture.createPass(pass -> pass.permissions("deploy,read"));
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        issuer.close();
        for (AutoCloseable other : closing) {
            other.close();
        }
    }

    private String audience() {
        return fixture.server.issuer();
    }

    /** GitHub-like claims for octo-org/app on main, issued 10 s before the server's now, meant for Sentinel. */
    private JWTClaimsSet.Builder appOnMain() {
        return WorkloadIssuer.githubActions("octo-org/app", "refs/heads/main", audience(),
                fixture.clock.instant().minusSeconds(10));
    }

    /** A policy trusting {@code issuer} by discovery (no jwks, no jwks_uri) for octo-org/app. */
    private Map<String, Object> policy(String issuerId, CreatedPass pass) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuerId);
        body.put("conditions", Map.of("/repository", "octo-org/app", "/ref", "refs/heads/*"));
        body.put("max_token_age", "10m");
        body.put("pass_id", pass.pass().passId().value());
        return body;
    }

    private String createPolicy(Map<String, Object> body) throws Exception {
        HttpResponse<String> created = post("/api/v1/projects/demo/trust-policies", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private HttpResponse<String> token(String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return fixture.postForm("/oauth/token", ServerFixture.form(form));
    }

    private HttpResponse<String> jwtBearer(String assertion) {
        return token("grant_type", JWT_BEARER, "assertion", assertion);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertGranted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void assertRefused(HttpResponse<String> response, String error, String description)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 401);
        assertThat(json(response).path("error").asText()).as(response.body()).isEqualTo(error);
        assertThat(json(response).path("error_description").asText()).isEqualTo(description);
    }

    /** The pass's latest recorded refusal reason. */
    private String lastRefusal(CreatedPass pass, int events) {
        return fixture.activity(pass.pass().passId(), events).stream()
                .filter(event -> event.type() == ActivityType.ERROR).findFirst()
                .flatMap(ActivityEvent::errorMessage).orElse("(none)");
    }

    /** The evidence of the pass's grant of {@code grantType} (waiting for {@code events} events). */
    private JsonNode grantEvidence(CreatedPass pass, int events, String grantType) throws Exception {
        for (ActivityEvent event : fixture.activity(pass.pass().passId(), events)) {
            JsonNode metadata = JSON.readTree(event.metadataJson());
            if (event.type() == ActivityType.TOKEN_GENERATION && metadata.path("grant_type").asText().equals(grantType)) {
                return metadata;
            }
        }
        throw new AssertionError("no " + grantType + " grant recorded for " + pass.pass().passId());
    }

    @Test
    void nimbusTradesTokensOfADiscoveredIssuerWithTheEvidenceOfWhoAsked() throws Exception {
        String policyId = createPolicy(policy(issuer.issuer, deployer));
        URI endpoint = URI.create(audience() + "/oauth/token");

        TokenResponse granted = TokenResponse.parse(new TokenRequest(endpoint,
                new JWTBearerGrant(SignedJWT.parse(issuer.mint(appOnMain()))), new Scope("deploy"))
                .toHTTPRequest().send());
        JsonNode grantEvidence = grantEvidence(deployer, 1, JWT_BEARER);
        TypelessToken subject = new TypelessToken(issuer.mint(appOnMain()));
        TokenResponse exchanged = TokenResponse.parse(new TokenRequest(endpoint, new TokenExchangeGrant(subject,
                TokenTypeURI.ID_TOKEN), null).toHTTPRequest().send());
        TokenResponse delegated = TokenResponse.parse(new TokenRequest(endpoint, new TokenExchangeGrant(subject,
                TokenTypeURI.JWT, subject, TokenTypeURI.JWT, null, null), null).toHTTPRequest().send());

        assertThat(granted.indicatesSuccess()).as(granted.toString()).isTrue();
        JWTClaimsSet claims = SignedJWT.parse(((AccessTokenResponse) granted).getTokens().getAccessToken().getValue())
                .getJWTClaimsSet();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(deployer.credentials().clientId().value());
        assertThat(claims.getStringClaim("scope")).isEqualTo("deploy");
        assertThat(grantEvidence.path("grant_type").asText()).isEqualTo(JWT_BEARER);
        assertThat(grantEvidence.path("issuer").asText()).isEqualTo(issuer.issuer);
        assertThat(grantEvidence.path("subject").asText()).isEqualTo("repo:octo-org/app:ref:refs/heads/main");
        assertThat(grantEvidence.path("trust_policy").asText()).isEqualTo(policyId);
        assertThat(exchanged.indicatesSuccess()).as(exchanged.toString()).isTrue();
        assertThat(((AccessTokenResponse) exchanged).getTokens().getAccessToken().getIssuedTokenType())
                .isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        JsonNode exchangeEvidence = grantEvidence(deployer, 2, TOKEN_EXCHANGE);
        assertThat(exchangeEvidence.path("grant_type").asText()).isEqualTo(TOKEN_EXCHANGE);
        assertThat(exchangeEvidence.path("trust_policy").asText()).isEqualTo(policyId);
        TokenErrorResponse refused = (TokenErrorResponse) delegated;
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(refused.getErrorObject().getDescription())
                .isEqualTo("delegation is not supported yet: send no actor_token");
        assertThat(issuer.discoveryFetches.get()).as("discovery read once").isEqualTo(1);
        assertThat(issuer.jwksFetches.get()).as("keys fetched once, then cached").isEqualTo(1);
    }

    @Test
    void afterTheIssuerRotatesItsKeyNewTokensWorkAfterOneRefetchAndTheWithdrawnKeyIsRefused() throws Exception {
        createPolicy(policy(issuer.issuer, deployer));
        RSAKey first = issuer.key();
        assertGranted(jwtBearer(issuer.mint(appOnMain())));

        issuer.rotate("k2");
        fixture.clock.advance(Duration.ofSeconds(11)); // a refetch for an unknown kid may run every 10 s

        assertGranted(jwtBearer(issuer.mint(appOnMain())));
        assertThat(issuer.jwksFetches.get()).as("one refetch for the new kid").isEqualTo(2);
        assertRefused(jwtBearer(issuer.mint(appOnMain(), first)), "invalid_grant", NOT_ACCEPTED);
        assertThat(lastRefusal(deployer, 3)).isEqualTo("unknown_kid: no RS256 key has kid k1");
    }

    @Test
    void anUnknownKidCausesOneRefetchAtMostEveryTenSecondsAndIsThenRefused() throws Exception {
        createPolicy(policy(issuer.issuer, deployer));
        assertGranted(jwtBearer(issuer.mint(appOnMain())));
        RSAKey stranger = LoopbackIssuer.newKey("k-nobody-published");
        fixture.clock.advance(Duration.ofSeconds(11));

        assertRefused(jwtBearer(issuer.mint(appOnMain(), stranger)), "invalid_grant", NOT_ACCEPTED);
        assertThat(issuer.jwksFetches.get()).isEqualTo(2);
        assertRefused(jwtBearer(issuer.mint(appOnMain(), stranger)), "invalid_grant", NOT_ACCEPTED);
        assertThat(issuer.jwksFetches.get()).as("no second refetch within 10 s").isEqualTo(2);
        fixture.clock.advance(Duration.ofSeconds(11));
        assertRefused(jwtBearer(issuer.mint(appOnMain(), stranger)), "invalid_grant", NOT_ACCEPTED);

        assertThat(issuer.jwksFetches.get()).isEqualTo(3);
        assertThat(lastRefusal(deployer, 4)).isEqualTo("unknown_kid: no RS256 key has kid k-nobody-published");
    }

    @Test
    void whenTheIssuerIsDownCachedKeysServeUntilTheStaleBoundAndAreThenRefused() throws Exception {
        createPolicy(policy(issuer.issuer, deployer));
        assertGranted(jwtBearer(issuer.mint(appOnMain())));

        issuer.stop();
        fixture.clock.advance(Duration.ofMinutes(6)); // past the 5 min lifetime, within the 10 min stale bound
        assertGranted(jwtBearer(issuer.mint(appOnMain())));
        fixture.clock.advance(Duration.ofMinutes(9).plusSeconds(1)); // 15 min and 1 s after the fetch
        HttpResponse<String> refused = jwtBearer(issuer.mint(appOnMain()));

        assertRefused(refused, "invalid_grant", KEYS_UNAVAILABLE);
        assertThat(lastRefusal(deployer, 3)).startsWith("keys_unavailable: the keys at " + issuer.jwksUri()
                + " could not be fetched").contains("stale beyond the 10 min bound");
    }

    @Test
    void anIssuerTricklingItsBodyIsCutOffAtTheDeadlineAndHoldsUpNoOtherRequest() throws Exception {
        createPolicy(policy(issuer.issuer, deployer));
        WorkloadIssuer cluster = WorkloadIssuer.ec("https://kubernetes.default.svc.cluster.local", "k8s-1");
        CreatedPass other = fixture.createPass(pass -> pass.permissions("read"));
        Map<String, Object> clusterPolicy = new LinkedHashMap<>();
        clusterPolicy.put("issuer", cluster.issuer);
        clusterPolicy.put("jwks", cluster.publicJwksObject());
        clusterPolicy.put("conditions", Map.of("/sub", "system:serviceaccount:payments:billing"));
        clusterPolicy.put("pass_id", other.pass().passId().value());
        createPolicy(clusterPolicy);
        issuer.trickle();

        CompletableFuture<HttpResponse<String>> slow = fixture.http.sendAsync(HttpRequest.newBuilder(
                        fixture.uri("/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ServerFixture.form(Map.of("grant_type", JWT_BEARER,
                        "assertion", issuer.mint(appOnMain()))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issuer.trickling.await(10, TimeUnit.SECONDS)).as("the issuer began trickling").isTrue();
        HttpResponse<String> federated = jwtBearer(cluster.mint(WorkloadIssuer.kubernetes("payments", "billing",
                audience(), fixture.clock.instant().minusSeconds(5))));
        HttpResponse<String> secret = fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", ServerFixture.basic(deployer.credentials().clientId().value(),
                        deployer.credentials().clientSecret().reveal()));
        boolean slowStillWaiting = !slow.isDone();
        HttpResponse<String> cutOff = slow.get(30, TimeUnit.SECONDS);

        assertGranted(federated);
        assertGranted(secret);
        assertThat(slowStillWaiting).as("the other requests were answered while the trickle went on").isTrue();
        assertRefused(cutOff, "invalid_grant", KEYS_UNAVAILABLE);
        assertThat(lastRefusal(deployer, 2)).contains("did not answer in full within 5000 ms");
        cluster.close();
    }

    @Test
    void aJwksOfTenThousandKeysIsRefusedWhole() throws Exception {
        StringBuilder keys = new StringBuilder("{\"keys\":[").append(issuer.key().toPublicJWK().toJSONString());
        for (int i = 1; i < 10_000; i++) {
            keys.append(",{\"kty\":\"EC\"}");
        }
        issuer.publish(keys.append("]}").toString());

        assertHostileSetRefused("publishes 10000 keys, more than the 100 a set may hold; the set is refused");
    }

    @Test
    void aJwksPublishingPrivatePartsIsRefusedWhole() throws Exception {
        issuer.publish(new JWKSet(issuer.key()).toString(false));

        assertHostileSetRefused("publishes a key with private parts (keys[0]); the set is refused");
    }

    @Test
    void aJwksOverTheSizeCapIsRefused() throws Exception {
        String padding = "a".repeat(300 * 1024);
        issuer.publish("{\"keys\":[" + issuer.key().toPublicJWK().toJSONString() + "],\"padding\":\"" + padding
                + "\"}");

        assertHostileSetRefused("answered more than 262144 bytes");
    }

    private void assertHostileSetRefused(String reason) throws Exception {
        createPolicy(policy(issuer.issuer, deployer));

        assertRefused(jwtBearer(issuer.mint(appOnMain())), "invalid_grant", KEYS_UNAVAILABLE);
        assertThat(lastRefusal(deployer, 1)).startsWith("keys_unavailable: ").contains(reason);
    }

    @Test
    void keysOfAnotherTypeOrUseInAJwksAreDroppedAndTheIssuersSigningKeyStillWorks() throws Exception {
        RSAKey encryption = new RSAKey.Builder(LoopbackIssuer.newKey("k-enc").toRSAPublicKey())
                .keyID("k-enc").keyUse(KeyUse.ENCRYPTION).build();
        issuer.publish("{\"keys\":[{\"kty\":\"XYZ\",\"kid\":\"k-odd\"}," + encryption.toJSONString() + ","
                + issuer.key().toPublicJWK().toJSONString() + "]}");
        createPolicy(policy(issuer.issuer, deployer));

        assertGranted(jwtBearer(issuer.mint(appOnMain())));
        assertRefused(jwtBearer(issuer.mint(appOnMain(), LoopbackIssuer.newKey("k-enc"))), "invalid_grant",
                NOT_ACCEPTED);
    }

    @Test
    void aPolicyWithAJwksUriFetchesItsKeysThereWithoutDiscovery() throws Exception {
        Map<String, Object> body = policy("https://ci.internal.example", deployer);
        body.put("jwks_uri", issuer.jwksUri());
        createPolicy(body);
        String token = issuer.mintAs("https://ci.internal.example", appOnMain());

        assertGranted(jwtBearer(token));
        assertThat(issuer.jwksFetches.get()).isEqualTo(1);
        assertThat(issuer.discoveryFetches.get()).isZero();
    }

    @Test
    void plainHttpIssuersAndJwksUrisAreAllowedOnlyToPrivateAddressesWhenPrivateTargetsAre() throws Exception {
        Map<String, Object> publicIssuer = policy("http://93.184.216.34", deployer);
        Map<String, Object> publicJwks = policy("https://ci.example", deployer);
        publicJwks.put("jwks_uri", "http://8.8.8.8/jwks");

        HttpResponse<String> refusedIssuer = post("/api/v1/projects/demo/trust-policies", publicIssuer);
        HttpResponse<String> refusedJwks = post("/api/v1/projects/demo/trust-policies", publicJwks);

        createPolicy(policy(issuer.issuer, deployer));
        assertThat(refusedIssuer.statusCode()).isEqualTo(400);
        assertThat(json(refusedIssuer).path("errors").findValuesAsText("field")).containsExactly("issuer");
        assertThat(refusedIssuer.body()).contains("(plain http only to a loopback or private address): 93.184.216.34"
                + " is not one");
        assertThat(refusedJwks.statusCode()).isEqualTo(400);
        assertThat(json(refusedJwks).path("errors").findValuesAsText("field")).containsExactly("jwks_uri");
        assertThat(refusedJwks.body()).contains("8.8.8.8 is not one");
    }

    @Test
    void withoutPrivateTargetsAPlainHttpIssuerIsRefusedEvenOnLoopback() throws Exception {
        try (ServerFixture closed = new ServerFixture()) {
            CreatedPass pass = closed.createPass();
            HttpResponse<String> refused = closed.send(closed.admin("/api/v1/projects/demo/trust-policies")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(policy(issuer.issuer, pass)))).build());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("errors").findValuesAsText("field")).containsExactly("issuer");
            assertThat(refused.body()).contains("plain http to a loopback or private address needs private targets"
                    + " allowed");
        }
    }

    @Test
    void aFederatedClientAssertionNamesItsPassWithClientIdAndCarriesTheEvidence() throws Exception {
        String policyId = createPolicy(policy(issuer.issuer, deployer));
        CreatedPass reader = fixture.createPass(pass -> pass.permissions("read"));
        String platformToken = issuer.mint(appOnMain());

        HttpResponse<String> granted = token("grant_type", "client_credentials", "client_assertion_type",
                CLIENT_ASSERTION, "client_assertion", platformToken, "client_id",
                deployer.credentials().clientId().value(), "scope", "deploy");
        HttpResponse<String> unnamed = token("grant_type", "client_credentials", "client_assertion_type",
                CLIENT_ASSERTION, "client_assertion", platformToken);
        HttpResponse<String> otherPass = token("grant_type", "client_credentials", "client_assertion_type",
                CLIENT_ASSERTION, "client_assertion", platformToken, "client_id",
                reader.credentials().clientId().value());

        assertGranted(granted);
        assertThat(SignedJWT.parse(json(granted).path("access_token").asText()).getJWTClaimsSet()
                .getStringClaim("client_id")).isEqualTo(deployer.credentials().clientId().value());
        JsonNode evidence = grantEvidence(deployer, 1, "client_credentials");
        assertThat(evidence.path("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(evidence.path("issuer").asText()).isEqualTo(issuer.issuer);
        assertThat(evidence.path("subject").asText()).isEqualTo("repo:octo-org/app:ref:refs/heads/main");
        assertThat(evidence.path("trust_policy").asText()).isEqualTo(policyId);
        assertRefused(unnamed, "invalid_request", "client_id is required with a federated client assertion (its iss"
                + " is the workload's issuer, not a client id): name the pass with client_id");
        assertRefused(otherPass, "invalid_client", "client authentication failed");
        assertThat(lastRefusal(reader, 1)).isEqualTo("unknown_issuer: no trust policy of pass "
                + reader.pass().passId() + " trusts the issuer \"" + issuer.issuer + "\"");
    }

    @Test
    void aTokenWithoutKidIsCheckedAgainstThePublishedKeysAndCausesNoRefetch() throws Exception {
        createPolicy(policy(issuer.issuer, deployer));
        fixture.clock.advance(Duration.ofSeconds(1));

        assertGranted(jwtBearer(issuer.mintWithoutKid(appOnMain(), issuer.key())));
        fixture.clock.advance(Duration.ofSeconds(11));
        assertRefused(jwtBearer(issuer.mintWithoutKid(appOnMain(), LoopbackIssuer.newKey("unpublished"))),
                "invalid_grant", NOT_ACCEPTED);

        assertThat(issuer.jwksFetches.get()).as("a kid-less token is no reason to refetch").isEqualTo(1);
    }

    @Test
    void aFederatedClientAssertionFailingThePolicyOfTheNamedPassIsAFailedAuthenticationOfThatPass() throws Exception {
        String policyId = createPolicy(policy(issuer.issuer, deployer));
        String onATag = issuer.mint(WorkloadIssuer.githubActions("octo-org/app", "refs/tags/v1", audience(),
                fixture.clock.instant().minusSeconds(10)));

        HttpResponse<String> refused = token("grant_type", "client_credentials", "client_assertion_type",
                CLIENT_ASSERTION, "client_assertion", onATag, "client_id", deployer.credentials().clientId().value());

        assertRefused(refused, "invalid_client", "client authentication failed");
        assertThat(lastRefusal(deployer, 1)).startsWith("condition_failed: policy " + policyId)
                .contains("/ref");
    }
}

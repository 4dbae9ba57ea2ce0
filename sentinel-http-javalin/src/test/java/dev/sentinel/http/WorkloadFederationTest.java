package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.Principal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workload identity federation end to end: an issuer run by the test mints GitHub-Actions-like and Kubernetes-like
 * tokens and serves its JWKS on loopback (Nimbus JOSE keys), trust policies are made through the API (the GitHub-like
 * ones with that {@code jwks_uri}, fetched by the server, which allows private targets; a cluster's with a static JWK
 * set), and Nimbus's OAuth SDK (or a plain HTTP client, for the attacks) trades the tokens at the real server. Each
 * attack is a request the server must refuse, with its evidence. Discovery, rotation and the issuer's faults are in
 * {@link DiscoveredIssuerFederationTest}.
 */
class WorkloadFederationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB = "https://token.actions.githubusercontent.com";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final ServerFixture fixture = new ServerFixture(server -> server.node(settings -> settings
            .allowPrivateTargets(true)));
    private final WorkloadIssuer github = WorkloadIssuer.rsa(GITHUB, "gh-1");
    private final String githubJwksUri = jwksUriOf(github);
    private final CreatedPass deployer = fixture.createPass(pass -> pass.permissions("deploy,read"));
    private final Instant now = ServerFixture.START;

    @AfterEach
    void stop() {
        fixture.close();
        github.close();
    }

    /** Serves the issuer's JWKS (and discovery) on loopback; its {@code /jwks} URL. */
    private static String jwksUriOf(WorkloadIssuer issuer) {
        try {
            return issuer.serve() + "/jwks";
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    private String audience() {
        return fixture.server.issuer();
    }

    /** GitHub-like claims for octo-org/app on main, issued 10 s ago, meant for Sentinel. */
    private JWTClaimsSet.Builder appOnMain() {
        return WorkloadIssuer.githubActions("octo-org/app", "refs/heads/main", audience(), now.minusSeconds(10));
    }

    private Map<String, Object> githubPolicy(CreatedPass pass) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", GITHUB);
        body.put("jwks_uri", githubJwksUri);
        body.put("conditions", Map.of("/repository", "octo-org/app", "/ref", "refs/heads/*"));
        body.put("max_token_age", "10m");
        body.put("pass_id", pass.pass().passId().value());
        return body;
    }

    private JsonNode createPolicy(String project, Map<String, Object> body) throws Exception {
        HttpResponse<String> created = post("/api/v1/projects/" + project + "/trust-policies", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private HttpResponse<String> jwtBearer(String assertion, String... more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", JWT_BEARER);
        form.put("assertion", assertion);
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], more[i + 1]);
        }
        return fixture.postForm("/oauth/token", ServerFixture.form(form));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private void assertRefused(HttpResponse<String> response, String error, String description) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo(error);
        assertThat(json(response).path("error_description").asText()).isEqualTo(description);
    }

    /** The pass's last recorded refusal reason. */
    private String lastRefusal(CreatedPass pass, int events) {
        List<ActivityEvent> recorded = fixture.activity(pass.pass().passId(), events);
        return recorded.stream().filter(event -> event.type() == ActivityType.ERROR).findFirst()
                .flatMap(ActivityEvent::errorMessage).orElse("(none)");
    }

    private List<AuditRecord> audit(String action) {
        return fixture.sentinel.audit().find(Principal.adminToken(), AuditFilter.all().withAction(action),
                new PageRequest(1, 100)).items();
    }

    @Test
    void nimbusTradesAGithubTokenForTheTokenOfThePassWithTheEvidenceOfWhoAsked() throws Exception {
        String policyId = createPolicy("demo", githubPolicy(deployer)).path("id").asText();
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(audience()));
        assertThat(metadata.getGrantTypes()).extracting(Object::toString)
                .contains("client_credentials", JWT_BEARER, TOKEN_EXCHANGE);

        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new JWTBearerGrant(SignedJWT.parse(github.mint(appOnMain()))), new Scope("deploy"))
                .toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        String token = ((AccessTokenResponse) response).getTokens().getAccessToken().getValue();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(deployer.credentials().clientId().value());
        assertThat(claims.getStringClaim("scope")).isEqualTo("deploy");
        assertThat(claims.getClaim("act")).as("no delegation claim").isNull();
        ActivityEvent grant = fixture.activity(deployer.pass().passId(), 1).get(0);
        assertThat(grant.type()).isEqualTo(ActivityType.TOKEN_GENERATION);
        JsonNode evidence = JSON.readTree(grant.metadataJson());
        assertThat(evidence.path("grant_type").asText()).isEqualTo(JWT_BEARER);
        assertThat(evidence.path("issuer").asText()).isEqualTo(GITHUB);
        assertThat(evidence.path("subject").asText()).isEqualTo("repo:octo-org/app:ref:refs/heads/main");
        assertThat(evidence.path("trust_policy").asText()).isEqualTo(policyId);
    }

    @Test
    void theTokenEndpointUrlIsAnAudienceTheJwtBearerGrantAccepts() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        String assertion = github.mint(appOnMain().audience(audience() + "/oauth/token"));

        assertThat(jwtBearer(assertion).statusCode()).isEqualTo(200);
    }

    @Test
    void nimbusExchangesAKubernetesTokenAndAnAudienceIsAResource() throws Exception {
        CreatedPass api = fixture.createPass(pass -> pass.permissions("read").allowedAudiences(List.of("https://api.example")));
        WorkloadIssuer cluster = WorkloadIssuer.ec("https://kubernetes.default.svc.cluster.local", "k8s-1");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", cluster.issuer);
        body.put("jwks", cluster.publicJwksObject());
        body.put("audience", "sentinel");
        body.put("conditions", Map.of("/kubernetes.io/namespace", "payments",
                "/kubernetes.io/serviceaccount/name", "billing"));
        body.put("pass_id", api.pass().passId().value());
        createPolicy("demo", body);
        TypelessToken subject = new TypelessToken(cluster.mint(WorkloadIssuer.kubernetes("payments", "billing",
                "sentinel", now.minusSeconds(30))));
        URI endpoint = URI.create(audience() + "/oauth/token");

        TokenResponse exchanged = TokenResponse.parse(new TokenRequest(endpoint, new TokenExchangeGrant(subject,
                TokenTypeURI.JWT, null, null, null, List.of(new Audience("https://api.example"))), null)
                .toHTTPRequest().send());
        TokenResponse unknown = TokenResponse.parse(new TokenRequest(endpoint, new TokenExchangeGrant(subject,
                TokenTypeURI.ID_TOKEN, null, null, null, List.of(new Audience("https://elsewhere.example"))), null)
                .toHTTPRequest().send());
        TokenResponse delegated = TokenResponse.parse(new TokenRequest(endpoint, new TokenExchangeGrant(subject,
                TokenTypeURI.JWT, subject, TokenTypeURI.JWT, null, null), null).toHTTPRequest().send());

        assertThat(exchanged.indicatesSuccess()).as(exchanged.toString()).isTrue();
        AccessTokenResponse success = (AccessTokenResponse) exchanged;
        assertThat(success.getTokens().getAccessToken().getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        assertThat(SignedJWT.parse(success.getTokens().getAccessToken().getValue()).getJWTClaimsSet().getAudience())
                .containsExactly("https://api.example");
        assertThat(((TokenErrorResponse) unknown).getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(((TokenErrorResponse) delegated).getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(((TokenErrorResponse) delegated).getErrorObject().getDescription())
                .isEqualTo("delegation is not supported yet: send no actor_token");
        cluster.close();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        createPolicy("demo", githubPolicy(deployer));

        assertRefused(jwtBearer(github.mint(appOnMain().audience("https://other-service.example"))), "invalid_grant",
                "the token's aud is not the audience the trust policy expects");
        assertThat(lastRefusal(deployer, 1)).startsWith("wrong_audience: policy tp_");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        Instant iat = now.minusSeconds(400);

        assertRefused(jwtBearer(github.mint(appOnMain().issueTime(Date.from(iat)).notBeforeTime(Date.from(iat))
                .expirationTime(Date.from(now.minusSeconds(61))))), "invalid_grant", "the token has expired");
        assertThat(lastRefusal(deployer, 1)).startsWith("expired: the token expired at");
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        createPolicy("demo", githubPolicy(deployer));

        assertRefused(jwtBearer(github.mint(appOnMain().notBeforeTime(Date.from(now.plusSeconds(120))))),
                "invalid_grant", "the token is not yet valid");
        assertRefused(jwtBearer(github.mint(appOnMain().issueTime(Date.from(now.plusSeconds(120))))),
                "invalid_grant", "the token is not yet valid");
    }

    @Test
    void aTokenOlderThanThePolicyAllowsIsRefusedThoughItHasNotExpired() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        Instant iat = now.minus(Duration.ofMinutes(11));

        assertRefused(jwtBearer(github.mint(appOnMain().issueTime(Date.from(iat)).notBeforeTime(Date.from(iat))
                        .expirationTime(Date.from(now.plusSeconds(3600))))), "invalid_grant",
                "the token is older than the trust policy's max_token_age");
        assertThat(lastRefusal(deployer, 1)).contains("too_old").contains("accepts tokens up to 600 s old");
    }

    @Test
    void unsignedHmacAndWronglySignedTokensAreRefused() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        String unsigned = new PlainJWT(new PlainHeader(), appOnMain().issuer(GITHUB).build()).serialize();
        // the alg confusion: HS256 keyed with the issuer's public key, which an attacker knows
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gh-1")
                .type(JOSEObjectType.JWT).build(), appOnMain().issuer(GITHUB).build());
        confused.sign(new MACSigner(((RSAKey) github.key).toPublicJWK().toRSAPublicKey().getEncoded()));
        WorkloadIssuer impostor = WorkloadIssuer.rsa(GITHUB, "gh-1");

        assertRefused(jwtBearer(unsigned), "invalid_grant", "the token's signature is not accepted");
        assertRefused(jwtBearer(confused.serialize()), "invalid_grant", "the token's signature is not accepted");
        assertRefused(jwtBearer(impostor.mint(appOnMain())), "invalid_grant", "the token's signature is not accepted");
        List<String> reasons = fixture.activity(deployer.pass().passId(), 3).stream()
                .map(event -> event.errorMessage().orElse("")).toList();
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("alg_not_allowed: the token is unsigned"))
                .anySatisfy(reason -> assertThat(reason).startsWith("alg_not_allowed: the token is signed with HS256"))
                .anySatisfy(reason -> assertThat(reason).startsWith("bad_signature: "));
    }

    @Test
    void aSecondIssuerWithTheSameSubjectIsNotTrusted() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        WorkloadIssuer lookalike = WorkloadIssuer.rsa("https://token.actions.githubusercontent.com.evil.example",
                "gh-1");

        assertRefused(jwtBearer(lookalike.mint(appOnMain())), "invalid_grant", "no trust policy matches the token");
        assertRefused(jwtBearer(lookalike.mint(appOnMain()), "client_id", deployer.credentials().clientId().value()),
                "invalid_grant", "no trust policy matches the token");
        assertThat(lastRefusal(deployer, 1)).startsWith("unknown_issuer: no trust policy of pass "
                + deployer.pass().passId() + " trusts the issuer");
        assertThat(audit("federation.refused")).singleElement().satisfies(entry -> assertThat(entry.entry().detail())
                .contains("refused=1").contains("unknown_issuer"));
    }

    @Test
    void aClaimThatMatchesOnlyByAUnicodeLookAlikeIsRefused() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        // U+0430 CYRILLIC SMALL LETTER A in place of the a of app: a repository anyone may register
        JWTClaimsSet.Builder lookalike = WorkloadIssuer.githubActions("octo-org/\u0430pp", "refs/heads/main",
                audience(), now.minusSeconds(10));

        assertRefused(jwtBearer(github.mint(lookalike)), "invalid_grant", "no trust policy matches the token");
        assertThat(lastRefusal(deployer, 1)).startsWith("condition_failed: policy tp_")
                .contains("condition /repository = \"octo-org/app\": the claim is \"octo-org/\\u0430pp\"");
    }

    @Test
    void aPolicyOfOneProjectCannotNameAPassOfAnother() throws Exception {
        CreatedPass elsewhere = fixture.sentinel.passes().create(dev.sentinel.core.port.in.CreatePassCommand
                .builder("other").agentName("Other Agent").agentType("Sourcing Agent").build());

        HttpResponse<String> refused = post("/api/v1/projects/demo/trust-policies", githubPolicy(elsewhere));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("errors").findValuesAsText("field")).containsExactly("pass_id");
        assertThat(refused.body()).contains("must be a pass of the project demo");
    }

    @Test
    void whenTwoPoliciesOfTwoPassesMatchTheCallerMustNameThePass() throws Exception {
        CreatedPass reader = fixture.createPass(pass -> pass.permissions("read"));
        createPolicy("demo", githubPolicy(deployer));
        Map<String, Object> second = githubPolicy(reader);
        second.put("conditions", Map.of("/sub", "repo:octo-org/app:*"));
        createPolicy("demo", second);
        String token = github.mint(appOnMain());

        assertRefused(jwtBearer(token), "invalid_grant",
                "several trust policies match the token: name the pass with the client_id parameter");
        HttpResponse<String> named = jwtBearer(token, "client_id", reader.credentials().clientId().value());

        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(json(named).path("access_token").asText()).getJWTClaimsSet()
                .getStringClaim("client_id")).isEqualTo(reader.credentials().clientId().value());
        assertThat(audit("federation.refused")).singleElement().satisfies(entry -> {
            assertThat(entry.entry().project()).contains("demo");
            assertThat(entry.entry().detail()).contains("several_policies_match");
        });
    }

    /**
     * Two projects trust one issuer: the refusal each records in its own audit trail (which its viewers read) names
     * its own policies and conditions, never the other project's, both when no policy matches and when policies of
     * both match.
     */
    @Test
    void eachProjectsAuditNamesOnlyItsOwnPoliciesWhenTheyShareAnIssuer() throws Exception {
        CreatedPass elsewhere = fixture.sentinel.passes().create(dev.sentinel.core.port.in.CreatePassCommand
                .builder("other").agentName("Other Agent").agentType("Sourcing Agent").build());
        String ours = createPolicy("demo", githubPolicy(deployer)).path("id").asText();
        Map<String, Object> secret = githubPolicy(elsewhere);
        secret.put("conditions", Map.of("/repository", "secret-org/hidden-app"));
        String theirs = createPolicy("other", secret).path("id").asText();

        assertRefused(jwtBearer(github.mint(WorkloadIssuer.githubActions("octo-org/third", "refs/heads/main",
                audience(), now.minusSeconds(10)))), "invalid_grant", "no trust policy matches the token");

        assertThat(audit("federation.refused")).hasSize(2).allSatisfy(entry -> {
            boolean demo = entry.entry().project().orElseThrow().equals("demo");
            assertThat(entry.entry().detail()).contains(demo ? ours : theirs)
                    .doesNotContain(demo ? theirs : ours)
                    .doesNotContain(demo ? "secret-org/hidden-app" : "octo-org/app")
                    .doesNotContain(demo ? elsewhere.pass().passId().value() : deployer.pass().passId().value());
        });

        Map<String, Object> overlapping = githubPolicy(elsewhere);
        overlapping.put("conditions", Map.of("/repository", "octo-org/app"));
        String theirSecond = createPolicy("other", overlapping).path("id").asText();
        fixture.clock.advance(Duration.ofSeconds(61)); // one entry a minute per project and issuer
        assertRefused(jwtBearer(github.mint(appOnMain())), "invalid_grant",
                "several trust policies match the token: name the pass with the client_id parameter");
        assertThat(audit("federation.refused")).filteredOn(entry -> entry.entry().detail()
                .contains("several_policies_match")).hasSize(2).allSatisfy(entry -> {
                    boolean demo = entry.entry().project().orElseThrow().equals("demo");
                    assertThat(entry.entry().detail()).contains(demo ? ours : theirSecond)
                            .doesNotContain(demo ? theirSecond : ours);
                });
    }

    /** The workload's token is the pass's: its networks, permissions, validity window and revocation all hold. */
    @Test
    void thePassesNetworksPermissionsValidityAndRevocationApplyToItsWorkloadsTokens() throws Exception {
        CreatedPass bound = fixture.createPass(pass -> pass.permissions("read").allowedIps(List.of("10.0.0.0/8")));
        CreatedPass later = fixture.createPass(pass -> pass.permissions("read").validFrom("2026-12-24"));
        CreatedPass revoked = fixture.createPass(pass -> pass.permissions("read"));
        for (Map.Entry<String, CreatedPass> policy : Map.of("octo-org/bound", bound, "octo-org/later", later,
                "octo-org/revoked", revoked, "octo-org/app", deployer).entrySet()) {
            Map<String, Object> body = githubPolicy(policy.getValue());
            body.put("conditions", Map.of("/repository", policy.getKey()));
            createPolicy("demo", body);
        }
        fixture.sentinel.passes().revoke(revoked.pass().passId());

        assertRefused(jwtBearer(github.mint(WorkloadIssuer.githubActions("octo-org/bound", "refs/heads/main",
                        audience(), now.minusSeconds(10)))), "invalid_grant",
                "the pass the trust policy names may not be used from this address");
        assertThat(lastRefusal(bound, 2)).startsWith("pass_refused: address_not_allowed: address \"127.0.0.1\"");
        assertRefused(jwtBearer(github.mint(WorkloadIssuer.githubActions("octo-org/later", "refs/heads/main",
                audience(), now.minusSeconds(10)))), "invalid_grant", "the pass the trust policy names may not be used now");
        assertThat(lastRefusal(later, 2)).startsWith("pass_refused: pass_not_yet_valid");
        assertRefused(jwtBearer(github.mint(WorkloadIssuer.githubActions("octo-org/revoked", "refs/heads/main",
                audience(), now.minusSeconds(10)))), "invalid_grant", "the pass the trust policy names may not be used now");
        assertThat(lastRefusal(revoked, 2)).startsWith("pass_refused: pass_revoked");
        HttpResponse<String> beyond = jwtBearer(github.mint(appOnMain()), "scope", "admin");
        assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(400);
        assertThat(json(beyond).path("error").asText()).as("a scope the pass lacks").isEqualTo("invalid_scope");
        HttpResponse<String> within = jwtBearer(github.mint(appOnMain()), "scope", "deploy");
        assertThat(within.statusCode()).as(within.body()).isEqualTo(200);
        assertThat(json(within).path("scope").asText()).isEqualTo("deploy");
    }

    @Test
    void turningThePassOffStopsAWorkloadThatStillHoldsAValidToken() throws Exception {
        createPolicy("demo", githubPolicy(deployer));
        String token = github.mint(appOnMain());
        assertThat(jwtBearer(token).statusCode()).isEqualTo(200);

        fixture.sentinel.passes().toggle(deployer.pass().passId());

        assertRefused(jwtBearer(token), "invalid_grant", "the pass the trust policy names may not be used now");
        assertThat(lastRefusal(deployer, 2)).isEqualTo("pass_refused: pass_inactive: the pass is deactivated");
    }

    @Test
    void refusalsThatNameNoPassReachTheProjectsAuditOnceAMinuteWithTheCount() throws Exception {
        CreatedPass reader = fixture.createPass(pass -> pass.permissions("read"));
        createPolicy("demo", githubPolicy(deployer));
        Map<String, Object> second = githubPolicy(reader);
        second.put("conditions", Map.of("/repository", "octo-org/other"));
        createPolicy("demo", second);
        String wrongRepository = github.mint(WorkloadIssuer.githubActions("octo-org/third", "refs/heads/main",
                audience(), now.minusSeconds(10)));

        for (int i = 0; i < 3; i++) {
            assertRefused(jwtBearer(wrongRepository), "invalid_grant", "no trust policy matches the token");
        }
        assertThat(audit("federation.refused")).singleElement().satisfies(entry -> assertThat(entry.entry().detail())
                .contains("refused=1").contains("no_policy_matched: none of 2 trust policies matches"));
        fixture.clock.advance(Duration.ofSeconds(61));
        String later = github.mint(WorkloadIssuer.githubActions("octo-org/third", "refs/heads/main", audience(),
                now.plusSeconds(55)));
        assertRefused(jwtBearer(later), "invalid_grant", "no trust policy matches the token");

        assertThat(audit("federation.refused")).hasSize(2).anySatisfy(entry -> assertThat(entry.entry().detail())
                .contains("refused=3"));
    }
}

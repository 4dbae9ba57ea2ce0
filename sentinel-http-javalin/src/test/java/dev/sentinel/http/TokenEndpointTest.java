package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.http.web.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private final ServerFixture fixture = new ServerFixture();
    private final CreatedPass created = fixture.createPass(pass -> pass.permissions("read,write,admin:users"));
    private final String clientId = created.credentials().clientId().value();
    private final String secret = created.credentials().clientSecret().reveal();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> basicGrant(String body) {
        return fixture.postForm("/oauth/token", body, "Authorization", ServerFixture.basic(clientId, secret));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    private static JsonNode claims(String jwt) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static JsonNode header(String jwt) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private void assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).path("error").asText()).isEqualTo(error);
        assertThat(json(response).has("error_description")).isTrue();
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }
    }

    @Test
    void issuesAnRfc9068TokenWithClientSecretBasic() {
        HttpResponse<String> response = basicGrant("grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        JsonNode body = json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("scope").asText()).isEqualTo("read write admin:users");
        String jwt = body.path("access_token").asText();
        assertThat(header(jwt).path("typ").asText()).isEqualTo("at+jwt");
        assertThat(header(jwt).path("alg").asText()).as("the default of a new store").isEqualTo("ES256");
        assertThat(header(jwt).path("kid").asText()).isNotBlank();
        JsonNode claims = claims(jwt);
        String issuer = fixture.server.baseUri().toString();
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("aud").asText()).isEqualTo(issuer);
        assertThat(claims.path("sub").asText()).isEqualTo(clientId);
        assertThat(claims.path("client_id").asText()).isEqualTo(clientId);
        assertThat(claims.path("pass_id").asText()).isEqualTo(created.pass().passId().value());
        assertThat(claims.path("scope").asText()).isEqualTo("read write admin:users");
        assertThat(claims.path("iat").asLong()).isEqualTo(ServerFixture.START.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(ServerFixture.START.getEpochSecond() + 900);
        assertThat(claims.path("jti").asText()).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void issuesTokensWithClientSecretPost() {
        HttpResponse<String> response = fixture.postForm("/oauth/token", ServerFixture.form(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("access_token").asText()).contains(".");
    }

    @Test
    void acceptsClientIdInTheBodyAlongsideBasicWhenItIsTheSame() {
        assertThat(basicGrant("grant_type=client_credentials&client_id=" + clientId).statusCode()).isEqualTo(200);
    }

    @Test
    void grantsARequestedSubsetOfThePermissions() {
        HttpResponse<String> response = basicGrant("grant_type=client_credentials&scope=read+admin%3Ausers");

        assertThat(json(response).path("scope").asText()).isEqualTo("read admin:users");
        assertThat(claims(json(response).path("access_token").asText()).path("scope").asText()).isEqualTo("read admin:users");
    }

    @Test
    void treatsAnEmptyScopeAsOmitted() {
        assertThat(json(basicGrant("grant_type=client_credentials&scope=")).path("scope").asText())
                .isEqualTo("read write admin:users");
    }

    @Test
    void neverIssuesATokenThatOutlivesThePass() {
        fixture.clock.set(java.time.LocalDate.parse(created.pass().pass().validity().validUntil().toString())
                .atTime(23, 55).toInstant(java.time.ZoneOffset.UTC));

        JsonNode body = json(basicGrant("grant_type=client_credentials"));

        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        assertThat(claims(body.path("access_token").asText()).path("exp").asLong())
                .isEqualTo(created.pass().pass().validity().end().getEpochSecond());
    }

    @Test
    void refusesAMissingGrantTypeAsInvalidRequest() {
        assertOAuthError(basicGrant("scope=read"), 400, "invalid_request");
    }

    @Test
    void refusesAnUnknownGrantTypeAsUnsupported() {
        assertOAuthError(basicGrant("grant_type=magic"), 400, "unsupported_grant_type");
    }

    @Test
    void refusesOtherOAuthGrantsAsUnauthorizedClient() {
        assertOAuthError(basicGrant("grant_type=password&username=a&password=b"), 400, "unauthorized_client");
    }

    @Test
    void refusesRepeatedParametersAsInvalidRequest() {
        assertOAuthError(basicGrant("grant_type=client_credentials&grant_type=client_credentials"), 400, "invalid_request");
        assertOAuthError(basicGrant("grant_type=client_credentials&scope=read&scope=write"), 400, "invalid_request");
    }

    @Test
    void refusesTwoAuthenticationMethodsAtOnceAsInvalidRequest() {
        assertOAuthError(basicGrant("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret),
                400, "invalid_request");
    }

    @Test
    void refusesABodyThatIsNotFormEncodedAsInvalidRequest() {
        HttpResponse<String> response = fixture.send(java.net.http.HttpRequest.newBuilder(fixture.uri("/oauth/token"))
                .header("Content-Type", "application/json")
                .header("Authorization", ServerFixture.basic(clientId, secret))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build());

        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void refusesAMissingClientAuthenticationAsInvalidClient() {
        assertOAuthError(fixture.postForm("/oauth/token", "grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void refusesAWrongSecretWithBasicAsInvalidClientWithAChallenge() {
        String wrong = fixture.createPass().credentials().clientSecret().reveal();
        HttpResponse<String> response = fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", ServerFixture.basic(clientId, wrong));

        assertOAuthError(response, 401, "invalid_client");
        assertThat(failureReasons()).containsExactly("secret_mismatch");
    }

    @Test
    void refusesAMalformedBasicHeaderAsInvalidClient() {
        assertOAuthError(fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization", "Basic !!!"),
                401, "invalid_client");
    }

    @Test
    void refusesAScopeOutsideThePermissionsAsInvalidScope() {
        assertOAuthError(basicGrant("grant_type=client_credentials&scope=read+delete"), 400, "invalid_scope");
        assertOAuthError(basicGrant("grant_type=client_credentials&scope=read++write"), 400, "invalid_scope");
    }

    @Test
    void refusesADeactivatedPass() {
        fixture.sentinel.passes().toggle(created.pass().passId());
        assertRefused("pass_inactive");
    }

    @Test
    void refusesARevokedPass() {
        fixture.sentinel.passes().revoke(created.pass().passId());
        assertRefused("pass_revoked");
    }

    @Test
    void refusesAnExpiredPass() {
        fixture.clock.set(created.pass().pass().validity().end());
        assertRefused("pass_expired");
    }

    @Test
    void refusesAPassThatIsNotYetValid() {
        CreatedPass future = fixture.createPass(pass -> pass.validFrom("2027-01-01").validUntil("2027-12-31"));
        HttpResponse<String> response = fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                ServerFixture.basic(future.credentials().clientId().value(), future.credentials().clientSecret().reveal()));

        assertOAuthError(response, 401, "invalid_client");
        assertThat(fixture.activity(future.pass().passId(), 1)).extracting(ActivityEvent::errorMessage)
                .allSatisfy(message -> assertThat(message).hasValueSatisfying(text -> assertThat(text).startsWith("pass_not_yet_valid")));
    }

    @Test
    void refusesADeletedPass() {
        fixture.sentinel.passes().delete(created.pass().passId());
        assertOAuthError(basicGrant("grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void refusesASecretRotatedOutOnceItsGracePeriodEnds() {
        var renewed = fixture.sentinel.passes().regenerate(created.pass().passId(), Duration.ofHours(1));
        assertThat(basicGrant("grant_type=client_credentials").statusCode()).isEqualTo(200);

        fixture.clock.advance(Duration.ofHours(1));

        assertOAuthError(basicGrant("grant_type=client_credentials"), 401, "invalid_client");
        assertThat(fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                ServerFixture.basic(clientId, renewed.clientSecret().reveal())).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsSuccessfulGrantsWithClientDetails() {
        fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                ServerFixture.basic(clientId, secret), "User-Agent", "agent/1.0");

        List<ActivityEvent> events = fixture.activity(created.pass().passId(), 1);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ActivityType.TOKEN_GENERATION);
            assertThat(event.success()).isTrue();
            assertThat(event.statusCode()).isEqualTo(200);
            assertThat(event.endpoint()).isEqualTo("/oauth/token");
            assertThat(event.httpMethod()).isEqualTo("POST");
            assertThat(event.clientIp()).hasValue("127.0.0.1");
            assertThat(event.userAgent()).hasValue("agent/1.0");
            assertThat(event.durationMs()).isGreaterThanOrEqualTo(0);
            assertThat(event.metadataJson()).doesNotContain(secret);
        });
    }

    private void assertRefused(String reason) {
        assertOAuthError(basicGrant("grant_type=client_credentials"), 401, "invalid_client");
        assertThat(failureReasons()).containsExactly(reason);
    }

    private List<String> failureReasons() {
        return fixture.activity(created.pass().passId(), 1).stream()
                .filter(event -> event.type() == ActivityType.ERROR)
                .map(event -> event.errorMessage().orElse("").split(":")[0])
                .toList();
    }
}

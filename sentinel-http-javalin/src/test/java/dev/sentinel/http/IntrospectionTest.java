package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.http.web.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntrospectionTest {

    private final ServerFixture fixture = new ServerFixture();
    private final CreatedPass created = fixture.createPass();
    private final String basic = ServerFixture.basic(created.credentials().clientId().value(),
            created.credentials().clientSecret().reveal());
    private final String token = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
            "Authorization", basic).body()).path("access_token").asText();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private JsonNode introspectAsAdmin(String presented) {
        HttpResponse<String> response = fixture.postForm("/oauth/introspect", "token=" + presented,
                "Authorization", "Bearer " + ServerFixture.ADMIN_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void reportsALiveTokenAsActiveToTheAdmin() {
        JsonNode body = introspectAsAdmin(token);

        assertThat(body.path("active").asBoolean()).isTrue();
        assertThat(body.path("pass_id").asText()).isEqualTo(created.pass().passId().value());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void reportsATokenOfADeactivatedPassAsInactiveAtOnceAndForGood() {
        fixture.sentinel.passes().toggle(created.pass().passId());
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isFalse();
        fixture.sentinel.passes().toggle(created.pass().passId());
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).as("turning the pass on again").isFalse();

        String fresh = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", basic).body()).path("access_token").asText();
        assertThat(introspectAsAdmin(fresh).path("active").asBoolean()).isTrue();
    }

    @Test
    void reportsATokenOfARevokedPassAsInactive() {
        fixture.sentinel.passes().revoke(created.pass().passId());
        assertThat(introspectAsAdmin(token).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void reportsATokenOfADeletedPassAsInactive() {
        fixture.sentinel.passes().delete(created.pass().passId());
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isFalse();
    }

    @Test
    void reportsAnExpiredTokenAsInactive() {
        fixture.clock.advance(Duration.ofMinutes(15));
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isFalse();
    }

    @Test
    void reportsATokenOfAPassPastItsValidityAsInactive() {
        fixture.clock.set(created.pass().pass().validity().end().minusSeconds(1));
        String late = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", basic).body()).path("access_token").asText();
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(introspectAsAdmin(late).path("active").asBoolean()).isFalse();
    }

    @Test
    void reportsATamperedTokenAsInactive() {
        String[] parts = token.split("\\.");
        // Change a character in the middle of the signature: the last characters of base64url carry padding bits,
        // so changing them can leave the decoded signature as it was.
        char swapped = parts[2].charAt(10) == 'A' ? 'B' : 'A';
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + swapped + parts[2].substring(11);
        assertThat(introspectAsAdmin(forged).path("active").asBoolean()).isFalse();
        assertThat(introspectAsAdmin("not-a-token").path("active").asBoolean()).isFalse();
    }

    @Test
    void aClientLearnsAboutItsOwnTokens() {
        HttpResponse<String> response = fixture.postForm("/oauth/introspect", "token=" + token, "Authorization", basic);
        assertThat(Json.parse(response.body()).path("active").asBoolean()).isTrue();
    }

    @Test
    void anotherClientLearnsNothingAboutTheToken() {
        CreatedPass other = fixture.createPass();
        HttpResponse<String> response = fixture.postForm("/oauth/introspect", "token=" + token, "Authorization",
                ServerFixture.basic(other.credentials().clientId().value(), other.credentials().clientSecret().reveal()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aResourceServerPassHoldingSentinelIntrospectLearnsAboutIt() {
        CreatedPass resourceServer = fixture.createPass(builder -> builder.permissions("sentinel:introspect"));
        CreatedPass wildcard = fixture.createPass(builder -> builder.permissions("sentinel:*"));

        HttpResponse<String> allowed = fixture.postForm("/oauth/introspect", "token=" + token, "Authorization",
                ServerFixture.basic(resourceServer.credentials().clientId().value(),
                        resourceServer.credentials().clientSecret().reveal()));
        HttpResponse<String> byWildcard = fixture.postForm("/oauth/introspect", "token=" + token, "Authorization",
                ServerFixture.basic(wildcard.credentials().clientId().value(), wildcard.credentials().clientSecret().reveal()));

        assertThat(Json.parse(allowed.body()).path("client_id").asText()).isEqualTo(created.credentials().clientId().value());
        assertThat(byWildcard.body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void refusesCallersWithoutCredentialsOrWithAnAccessTokenAsBearer() {
        HttpResponse<String> anonymous = fixture.postForm("/oauth/introspect", "token=" + token);
        HttpResponse<String> withAccessToken = fixture.postForm("/oauth/introspect", "token=" + token,
                "Authorization", "Bearer " + token);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withAccessToken.statusCode()).isEqualTo(401);
        assertThat(Json.parse(withAccessToken.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void requiresTheTokenParameter() {
        HttpResponse<String> response = fixture.postForm("/oauth/introspect", "token_type_hint=access_token",
                "Authorization", basic);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void revocationDeactivatesOnlyThatToken() {
        String second = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", basic).body()).path("access_token").asText();

        HttpResponse<String> revoked = fixture.postForm("/oauth/revoke", "token=" + token + "&token_type_hint=access_token",
                "Authorization", basic);

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isFalse();
        assertThat(introspectAsAdmin(second).path("active").asBoolean()).isTrue();
    }

    @Test
    void everyRevocationOverHttpIsAuditedNamingTheClientOrTheAdmin() {
        String second = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", basic).body()).path("access_token").asText();

        assertThat(fixture.postForm("/oauth/revoke", "token=" + token, "Authorization", basic).statusCode()).isEqualTo(200);
        assertThat(fixture.postForm("/oauth/revoke", "token=" + second, "Authorization", "Bearer "
                + ServerFixture.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(fixture.postForm("/oauth/revoke", "token=garbage", "Authorization", basic).statusCode()).isEqualTo(200);

        var entries = fixture.sentinel.audit().find(dev.sentinel.core.port.in.Principal.server(),
                dev.sentinel.core.domain.audit.AuditFilter.all().withAction("token.revoke"),
                new dev.sentinel.core.domain.activity.PageRequest(1, 10)).items();
        assertThat(entries).extracting(record -> record.entry().actor()).containsExactly("admin-api",
                "client:" + created.credentials().clientId().value());
        assertThat(entries).allSatisfy(record -> assertThat(record.entry().passId())
                .contains(created.pass().passId().value()));
    }

    @Test
    void revocationOfAnUnknownTokenSucceedsAsTheRfcAsks() {
        assertThat(fixture.postForm("/oauth/revoke", "token=garbage", "Authorization", basic).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientCannotRevokeAnotherClientsToken() {
        CreatedPass other = fixture.createPass();
        HttpResponse<String> response = fixture.postForm("/oauth/revoke", "token=" + token, "Authorization",
                ServerFixture.basic(other.credentials().clientId().value(), other.credentials().clientSecret().reveal()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isTrue();
    }

    @Test
    void pruningForgetsARevocationOnlyAfterItsTokenHasExpiredAndTheMarginHasPassed() {
        assertThat(fixture.postForm("/oauth/revoke", "token=" + token, "Authorization", basic).statusCode()).isEqualTo(200);
        fixture.clock.advance(Duration.ofMinutes(10));
        String later = Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", basic).body()).path("access_token").asText();
        assertThat(fixture.postForm("/oauth/revoke", "token=" + later, "Authorization", basic).statusCode()).isEqualTo(200);

        fixture.clock.advance(Duration.ofMinutes(9)); // the first token expired 4 minutes ago: inside the margin
        assertThat(fixture.server.node().pruneRevokedTokens()).isZero();
        assertThat(onDenyList(token)).isTrue();
        assertThat(onDenyList(later)).isTrue();

        fixture.clock.advance(Duration.ofMinutes(2)); // 6 minutes past the first token's expiry
        assertThat(fixture.server.node().pruneRevokedTokens()).isEqualTo(1);
        assertThat(onDenyList(token)).isFalse();
        assertThat(onDenyList(later)).isTrue();
        assertThat(introspectAsAdmin(later).path("active").asBoolean()).isFalse();
        assertThat(introspectAsAdmin(token).path("active").asBoolean()).isFalse();
    }

    private boolean onDenyList(String jwt) {
        String jti = Json.parse(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).path("jti").asText();
        return fixture.storage.read(session -> session.revokedTokens().isRevoked(jti));
    }
}

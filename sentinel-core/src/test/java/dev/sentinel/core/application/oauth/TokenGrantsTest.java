package dev.sentinel.core.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.fixtures.CountingThrottleBuckets;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.ClientPresentation;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.RequestOrigin;
import dev.sentinel.core.port.in.TokenRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's use case on its own, with a recorder that keeps what it gets: one request value in, a token or
 * an OAuth error out, every attempt of a known pass recorded, the throttle asked before any secret is checked.
 */
class TokenGrantsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage();
    private final List<ActivityEvent> recorded = new CopyOnWriteArrayList<>();
    private final List<ActivityEvent> failures = new CopyOnWriteArrayList<>();
    private final TokenService tokens = tokens(Throttling.OFF);

    @Test
    void aGrantIsRecordedAsATokenGenerationOfItsPass() {
        CreatedPass pass = create("read,write");

        IssuedToken token = tokens.grant(request(pass).scope("read").build());

        assertThat(token.claims().scope()).isEqualTo("read");
        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.passId()).isEqualTo(pass.pass().passId());
            assertThat(event.type()).isEqualTo(ActivityType.TOKEN_GENERATION);
            assertThat(event.statusCode()).isEqualTo(200);
            assertThat(event.endpoint()).isEqualTo("/oauth/token");
            assertThat(event.metadataJson()).isEqualTo("{\"grant_type\":\"client_credentials\",\"scope\":\"read\","
                    + "\"jti\":\"" + token.claims().jti() + "\"}");
        });
    }

    @Test
    void aRefusedScopeIsRecordedWithItsReasonAndAWrongSecretAsAFailedAuthentication() {
        CreatedPass pass = create("read");

        assertThatThrownBy(() -> tokens.grant(request(pass).scope("admin").build()))
                .isInstanceOfSatisfying(OAuthException.class, refused -> assertThat(refused.error())
                        .isEqualTo(OAuthError.INVALID_SCOPE));
        assertThatThrownBy(() -> tokens.grant(TokenRequest.clientCredentials(clientId(pass), "sps_wrong").build()))
                .isInstanceOfSatisfying(OAuthException.class, refused -> assertThat(refused.error())
                        .isEqualTo(OAuthError.INVALID_CLIENT));

        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ActivityType.ERROR);
            assertThat(event.statusCode()).isEqualTo(400);
            assertThat(event.errorMessage()).hasValueSatisfying(reason -> assertThat(reason).startsWith("invalid_scope: "));
        });
        assertThat(failures).singleElement().satisfies(event -> {
            assertThat(event.statusCode()).isEqualTo(401);
            assertThat(event.errorMessage()).contains("malformed_secret: the secret is not a well-formed Sentinel secret "
                    + "(prefix, length or checksum)");
        });
    }

    @Test
    void anUnknownClientLeavesNoActivityAnywhere() {
        assertThatThrownBy(() -> tokens.grant(TokenRequest.clientCredentials("spc_nobody", "sps_nothing").build()))
                .isInstanceOf(OAuthException.class);

        assertThat(recorded).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void theChecksRunInOrderAudienceThenGrantTypeThenClientThenGrant() {
        CreatedPass pass = create("read");
        ClientPresentation none = new ClientPresentation.Unusable(OAuthError.INVALID_CLIENT, "client authentication failed");

        assertThat(error(new TokenRequest("client_credentials", none, List.of(), Map.of("audience", ""), origin())))
                .isEqualTo(OAuthError.INVALID_REQUEST);
        assertThat(error(new TokenRequest("urn:example:made-up", none, List.of(), Map.of(), origin())))
                .isEqualTo(OAuthError.UNSUPPORTED_GRANT_TYPE);
        assertThat(error(new TokenRequest("refresh_token", none, List.of(), Map.of(), origin())))
                .as("a grant OAuth knows, but the client is checked first").isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(error(new TokenRequest("refresh_token", secret(pass), List.of(), Map.of(), origin())))
                .isEqualTo(OAuthError.UNAUTHORIZED_CLIENT);
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.errorMessage())
                .contains("unauthorized_client: grant_type refresh_token"));
        assertThat(tokens.grantTypes()).containsExactly("client_credentials",
                "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:token-exchange");
    }

    @Test
    void overTheLimitTheRightSecretIsRefusedBeforeItIsChecked() {
        TokenService throttled = tokens(new Throttling(FailureLimit.parse("2/1m"), FailureLimit.off(), FailureLimit.off()));
        CreatedPass pass = create("read");
        TokenRequest wrong = TokenRequest.clientCredentials(clientId(pass), pass.credentials().clientSecret().reveal()
                .substring(0, 10) + "x").clientAddress("192.0.2.1").build();

        assertThat(error(throttled, wrong)).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(error(throttled, wrong)).isEqualTo(OAuthError.INVALID_CLIENT);
        OAuthException refused = (OAuthException) org.assertj.core.api.Assertions.catchThrowable(() ->
                throttled.grant(request(pass).clientAddress("192.0.2.1").build()));

        assertThat(refused.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(refused.retryAfter()).isPresent();
        assertThat(failures).as("the refused right secret was never checked, so never recorded").hasSize(2);
        assertThat(throttled.grant(request(pass).clientAddress("192.0.2.2").build()))
                .as("the same client from another address").isNotNull();
    }

    private TokenService tokens(Throttling throttling) {
        return new TokenService(storage, new Authenticator(storage, TestServices.HASHER), clock,
                TokenSettings.builder("https://sentinel.test", new byte[32]).build(),
                new TokenService.FrontDoor(recorded::add, failures::add, new AuthThrottle(throttling,
                        new CountingThrottleBuckets(), new SecurityAudit(storage, clock)), Optional.empty())).start();
    }

    private OAuthError error(TokenRequest request) {
        return error(tokens, request);
    }

    private static OAuthError error(TokenService service, TokenRequest request) {
        try {
            service.grant(request);
        } catch (OAuthException refused) {
            return refused.error();
        }
        throw new AssertionError("granted: " + request);
    }

    private CreatedPass create(String permissions) {
        return TestServices.passService(storage).create(CreatePassCommand.builder("demo").agentName("Agent")
                .agentType("tester").permissions(permissions).build());
    }

    private static TokenRequest.Builder request(CreatedPass pass) {
        return TokenRequest.clientCredentials(clientId(pass), pass.credentials().clientSecret().reveal());
    }

    private static ClientPresentation secret(CreatedPass pass) {
        return ClientPresentation.basic(clientId(pass), pass.credentials().clientSecret().reveal());
    }

    private static RequestOrigin origin() {
        return RequestOrigin.local(TokenRequest.TOKEN_ENDPOINT);
    }

    private static String clientId(CreatedPass pass) {
        return pass.credentials().clientId().value();
    }
}

package dev.sentinel.core.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.jose.Base64Url;
import dev.sentinel.core.jose.ForgedTokens;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.Principal;
import org.junit.jupiter.api.Test;

/** The token use cases on an in-memory store: who may learn about or revoke a token, and which tokens verify. */
class TokenServiceTest {

    /** The OAuth error code of a refusal. */
    private static final class OAuthTestErrors {
        static String code(Object refused) {
            return ((OAuthException) refused).error().code();
        }
    }

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).clock(clock).build();
    private final TokenService tokens = sentinel.tokens(TokenSettings.builder("https://sentinel.test", new byte[32])
            .build()).start();

    @Test
    void theAdminAndTheTokensOwnClientLearnAboutItAndAnotherClientLearnsNothing() {
        CreatedPass owner = create("read,write");
        CreatedPass other = create("read,write");
        IssuedToken token = grant(owner);

        assertThat(tokens.introspect(token.accessToken(), TokenCaller.admin()).claims()).contains(token.claims());
        assertThat(tokens.introspect(token.accessToken(), caller(owner)).claims()).contains(token.claims());
        assertThat(tokens.introspect(token.accessToken(), caller(other)).active()).isFalse();
    }

    @Test
    void aResourceServerHoldingTheIntrospectPermissionLearnsAboutEveryToken() {
        CreatedPass agent = create("read");
        CreatedPass resourceServer = create("sentinel:introspect");
        IssuedToken token = grant(agent);

        assertThat(tokens.introspect(token.accessToken(), caller(resourceServer)).claims()).contains(token.claims());
    }

    @Test
    void theIntrospectPermissionIsNeverGrantedByAWildcard() {
        CreatedPass agent = create("read");
        CreatedPass wildcard = create("sentinel:*,read:*");
        IssuedToken token = grant(agent);

        assertThat(tokens.introspect(token.accessToken(), caller(wildcard)).active()).isFalse();
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(wildcard), secret(wildcard),
                Optional.of(TokenService.INTROSPECT_PERMISSION)))
                .isInstanceOf(OAuthException.class).extracting(OAuthTestErrors::code).isEqualTo("invalid_scope");
    }

    @Test
    void aClientMayRevokeOnlyItsOwnTokens() {
        CreatedPass owner = create("read");
        CreatedPass other = create("read");
        IssuedToken token = grant(owner);

        assertThatThrownBy(() -> tokens.revoke(token.accessToken(), caller(other)))
                .isInstanceOf(OAuthException.class).extracting(OAuthTestErrors::code).isEqualTo("unauthorized_client");
        assertThat(tokens.introspect(token.accessToken(), TokenCaller.admin()).active()).isTrue();

        tokens.revoke(token.accessToken(), caller(owner));
        assertThat(tokens.introspect(token.accessToken(), TokenCaller.admin()).active()).isFalse();
    }

    @Test
    void aRevocationIsAuditedNamingWhoRevokedWhichToken() {
        CreatedPass owner = create("read");
        IssuedToken byClient = grant(owner);
        IssuedToken byOwner = grant(owner);
        Principal key = Principal.cli("ops");

        tokens.revoke(byClient.accessToken(), caller(owner));
        tokens.revoke(byOwner.accessToken(), TokenCaller.admin(key));
        tokens.revoke("not-a-token", TokenCaller.admin()); // ignored, as RFC 7009 asks: nothing to audit

        List<AuditRecord> entries = sentinel.audit().find(Principal.server(), AuditFilter.all()
                .withAction(TokenService.REVOKE_ACTION), new PageRequest(1, 10)).items();
        assertThat(entries).extracting(record -> record.entry().actor())
                .containsExactly("cli:ops", "client:" + byClient.claims().clientId());
        assertThat(entries.get(1).entry().detail()).contains("jti=" + byClient.claims().jti());
        assertThat(entries.get(0).entry().passId()).contains(owner.pass().pass().passId().value());
        assertThat(entries.get(0).entry().project()).contains(owner.pass().pass().project().value());
    }

    @Test
    void aWrongSecretIsInvalidClientAndAnUnknownScopeInvalidScope() {
        CreatedPass owner = create("read");

        assertThatThrownBy(() -> clientCredentials(tokens, clientId(owner), "sps_wrong", Optional.empty()))
                .isInstanceOf(OAuthException.class).extracting(OAuthTestErrors::code).isEqualTo("invalid_client");
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(owner), secret(owner), Optional.of("write")))
                .isInstanceOf(OAuthException.class).extracting(OAuthTestErrors::code).isEqualTo("invalid_scope");
    }

    @Test
    void aTokenOfTypeJwtFromThisIssuerVerifies() {
        IssuedToken token = grant(create("read"));
        String asJwt = ForgedTokens.sign(tokens.keys().current().active(), "JWT", payload(token.accessToken()));

        assertThat(tokens.accessTokens().verify(asJwt, clock.instant())).contains(token.claims());
        assertThat(tokens.accessTokens().verify(ForgedTokens.sign(tokens.keys().current().active(), "id+jwt",
                payload(token.accessToken())), clock.instant())).isEmpty();
    }

    @Test
    void withoutResourcesTheAudienceIsThePassesListOrTheServerDefault() {
        IssuedToken plain = grant(create("read"));
        IssuedToken listed = grant(createFor("https://orders.example.com", "https://billing.example.com"));

        assertThat(plain.claims().audiences()).containsExactly("https://sentinel.test");
        assertThat(JoseJson.read(payload(plain.accessToken()))).containsEntry("aud", "https://sentinel.test");
        assertThat(listed.claims().audiences()).containsExactly("https://orders.example.com", "https://billing.example.com");
        assertThat(JoseJson.read(payload(listed.accessToken())).get("aud"))
                .isEqualTo(List.of("https://orders.example.com", "https://billing.example.com"));
        assertThat(tokens.accessTokens().verify(listed.accessToken(), clock.instant())).contains(listed.claims());
    }

    @Test
    void resourcesMakeTheAudienceExactlyThoseWhenThePassMayAskForThem() {
        CreatedPass pass = createFor("https://orders.example.com", "https://billing.example.com");

        IssuedToken one = clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty(),
                List.of("https://billing.example.com", "https://billing.example.com"));

        assertThat(one.claims().audiences()).containsExactly("https://billing.example.com");
        assertThat(JoseJson.read(payload(one.accessToken()))).containsEntry("aud", "https://billing.example.com");
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty(),
                List.of("https://orders.example.com", "https://admin.example.com")))
                .isInstanceOfSatisfying(OAuthException.class,
                        refused -> assertThat(refused.error().code()).isEqualTo("invalid_target"));
    }

    @Test
    void aPassListingNoAudiencesMayAskOnlyForTheServerDefault() {
        CreatedPass pass = create("read");

        assertThat(clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty(),
                List.of("https://sentinel.test")).claims().audiences()).containsExactly("https://sentinel.test");
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty(),
                List.of("https://elsewhere.example.com")))
                .isInstanceOfSatisfying(OAuthException.class,
                        refused -> assertThat(refused.error().code()).isEqualTo("invalid_target"));
    }

    @Test
    void aPassListingNoAudiencesMayAskForAResourceRegisteredInItsOwnProjectOnly() {
        CreatedPass open = create("read");
        CreatedPass narrowed = createFor("https://orders.example.com");
        sentinel.projects().create("other", null);
        sentinel.resources().create(Principal.server(), new dev.sentinel.core.domain.ProjectId("demo"),
                new dev.sentinel.core.application.resource.ResourceDraft("https://tools.example.com/mcp", "Tools", null));
        sentinel.resources().create(Principal.server(), new dev.sentinel.core.domain.ProjectId("other"),
                new dev.sentinel.core.application.resource.ResourceDraft("https://theirs.example.com", "Theirs", null));

        assertThat(clientCredentials(tokens, clientId(open), secret(open), Optional.empty(),
                List.of("https://tools.example.com/mcp")).claims().audiences())
                .containsExactly("https://tools.example.com/mcp");
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(open), secret(open), Optional.empty(),
                List.of("https://theirs.example.com")))
                .as("a resource of another project").isInstanceOfSatisfying(OAuthException.class, refused -> {
                    assertThat(refused.error().code()).isEqualTo("invalid_target");
                    assertThat(refused.getMessage()).contains("neither registered in the client's project");
                });
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(open), secret(open), Optional.empty(),
                List.of("https://tools.example.com/mcp", "https://theirs.example.com")))
                .as("resources of two projects at once").isInstanceOf(OAuthException.class);
        assertThatThrownBy(() -> clientCredentials(tokens, clientId(narrowed), secret(narrowed), Optional.empty(),
                List.of("https://tools.example.com/mcp")))
                .as("allowed_audiences narrows a pass").isInstanceOfSatisfying(OAuthException.class,
                        refused -> assertThat(refused.error().code()).isEqualTo("invalid_target"));
    }

    @Test
    void aResourceThatIsNotAnAbsoluteUriWithoutFragmentIsAnInvalidTarget() {
        CreatedPass pass = createFor("https://orders.example.com");

        for (String bad : List.of("orders.example.com", "https://orders.example.com#x", "/orders")) {
            assertThatThrownBy(() -> clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty(), List.of(bad)))
                    .isInstanceOfSatisfying(OAuthException.class, refused -> {
                        assertThat(refused.error().code()).isEqualTo("invalid_target");
                        assertThat(refused.getMessage()).startsWith("each resource must");
                    });
        }
    }

    @Test
    void aConfiguredDefaultAudienceAndTypeAreWhatTokensCarry() {
        TokenService configured = sentinel.tokens(TokenSettings.builder("https://sentinel.test", new byte[32])
                .audience("https://api.example.com").accessTokenType(AccessTokenType.JWT).build()).start();
        CreatedPass pass = create("read");

        IssuedToken token = clientCredentials(configured, clientId(pass), secret(pass), Optional.empty());

        assertThat(token.claims().audiences()).containsExactly("https://api.example.com");
        assertThat(JoseJson.read(Base64Url.decode(token.accessToken().split("\\.")[0]))).containsEntry("typ", "JWT");
        assertThat(configured.introspect(token.accessToken(), TokenCaller.admin()).active()).isTrue();
        assertThat(tokens.introspect(token.accessToken(), TokenCaller.admin()).active())
                .as("a node still issuing at+jwt accepts it").isTrue();
    }

    @Test
    void aTokenLivingLongerThanAnySentinelIssuesIsRefusedThoughSignedByItsKey() {
        IssuedToken token = grant(create("read"));
        Map<String, Object> claims = new LinkedHashMap<>(JoseJson.read(payload(token.accessToken())));
        claims.put("exp", token.claims().issuedAt().plus(TokenSettings.MAX_LIFETIME).plusSeconds(1).getEpochSecond());
        String longLived = tokens.keys().current().active().signJwt(JoseJson.write(claims));

        assertThat(tokens.accessTokens().verify(longLived, clock.instant())).isEmpty();
        assertThat(tokens.introspect(longLived, TokenCaller.admin()).active()).isFalse();
    }

    @Test
    void aTokenWithAScopeThePassDoesNotHoldIsNotLive() {
        IssuedToken token = grant(create("read"));
        Map<String, Object> claims = new LinkedHashMap<>(JoseJson.read(payload(token.accessToken())));
        claims.put("scope", "read admin");
        String widened = tokens.keys().current().active().signJwt(JoseJson.write(claims));

        assertThat(tokens.accessTokens().verify(widened, clock.instant())).isPresent();
        assertThat(tokens.introspect(widened, TokenCaller.admin()).active()).isFalse();
    }

    @Test
    void nonCanonicalBase64InAnyPartIsRefused() {
        String token = grant(create("read")).accessToken();
        String[] parts = token.split("\\.");

        assertThat(tokens.accessTokens().verify(token, clock.instant())).isPresent();
        assertThat(tokens.accessTokens().verify(parts[0] + "." + parts[1] + "." + parts[2] + "=", clock.instant())).isEmpty();
        assertThat(tokens.accessTokens().verify(parts[0] + "." + parts[1] + "." + flipUnusedBits(parts[2]), clock.instant()))
                .isEmpty();
        assertThat(tokens.accessTokens().verify(parts[0] + "=." + parts[1] + "." + parts[2], clock.instant())).isEmpty();
    }

    @Test
    void aCachedVerificationEndsWhenItsKeyIsNoLongerPublished() {
        IssuedToken token = grant(create("read"));
        String kid = (String) JoseJson.read(Base64Url.decode(token.accessToken().split("\\.")[0])).get("kid");
        assertThat(tokens.accessTokens().verify(token.accessToken(), clock.instant())).isPresent();

        tokens.keys().rotate();
        clock.set(START.plus(Duration.ofMinutes(15)).plus(SigningKeyService.PUBLISH_MARGIN).plusSeconds(1));
        tokens.keys().rotate(); // deletes the key retired more than a token lifetime and the margin ago
        clock.set(START.plusSeconds(60)); // the token itself would still be unexpired

        assertThat(tokens.keys().isPublished(kid)).isFalse();
        assertThat(tokens.accessTokens().verify(token.accessToken(), clock.instant())).as("cached, but its kid is gone")
                .isEmpty();
    }

    private CreatedPass create(String permissions) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("tester")
                .permissions(permissions).build());
    }

    private CreatedPass createFor(String... audiences) {
        return sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("tester")
                .permissions("read").allowedAudiences(List.of(audiences)).build());
    }

    private IssuedToken grant(CreatedPass pass) {
        return clientCredentials(tokens, clientId(pass), secret(pass), Optional.empty());
    }

    /** The client credentials grant through the use case, as the embedding application calls it. */
    private static IssuedToken clientCredentials(TokenService service, String clientId, String secret,
                                                 Optional<String> scope) {
        return clientCredentials(service, clientId, secret, scope, List.of());
    }

    private static IssuedToken clientCredentials(TokenService service, String clientId, String secret,
                                                 Optional<String> scope, List<String> resources) {
        TokenRequest.Builder request = TokenRequest.clientCredentials(clientId, secret);
        scope.ifPresent(request::scope);
        resources.forEach(request::resource);
        return service.grant(request.build());
    }

    private TokenCaller caller(CreatedPass pass) {
        SentinelPass current = sentinel.passes().get(pass.pass().passId());
        return TokenCaller.client(current);
    }

    private static String clientId(CreatedPass pass) {
        return pass.credentials().clientId().value();
    }

    private static String secret(CreatedPass pass) {
        return pass.credentials().clientSecret().reveal();
    }

    private static byte[] payload(String token) {
        return Base64Url.decode(token.split("\\.")[1]);
    }

    /** The same signature bytes with the unused low bits of the last character set: decoders that ignore them agree. */
    private static String flipUnusedBits(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = part.charAt(part.length() - 1);
        return part.substring(0, part.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }
}

package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.http.web.Json;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder a stock Spring Boot 3.5 resource server builds from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * alone (Spring Security 6.5: {@code NimbusJwtDecoder.withIssuerLocation} with the default validators for the issuer),
 * against a real server: it accepts the default ES256 tokens of type {@code JWT}, and refuses {@code at+jwt}.
 */
class SpringResourceServerTest {

    @Test
    void aStockSpringDecoderAcceptsEs256TokensOfTypeJwt() {
        try (ServerFixture fixture = new ServerFixture(server -> server.accessTokenType(AccessTokenType.JWT))) {
            fixture.clock.set(java.time.Instant.now()); // Spring checks expiry against the system clock
            CreatedPass pass = fixture.createPass(builder -> builder.permissions("read,write"));

            Jwt jwt = springDecoder(fixture.server.issuer()).decode(token(fixture, pass));

            assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("typ", "JWT");
            assertThat(jwt.getSubject()).isEqualTo(pass.credentials().clientId().value());
            assertThat(jwt.getAudience()).containsExactly(fixture.server.issuer());
            assertThat(jwt.getClaimAsString("scope")).isEqualTo("read write");
        }
    }

    @Test
    void theSameDecoderRefusesTheDefaultTypeAtJwt() {
        try (ServerFixture fixture = new ServerFixture()) {
            fixture.clock.set(java.time.Instant.now());
            CreatedPass pass = fixture.createPass();
            NimbusJwtDecoder decoder = springDecoder(fixture.server.issuer());
            String token = token(fixture, pass);

            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                    .hasMessageContaining("typ").hasMessageContaining("at+jwt");
        }
    }

    /** What Spring Boot's {@code OAuth2ResourceServerJwtConfiguration} builds for an issuer-uri and nothing else. */
    private static NimbusJwtDecoder springDecoder(String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    private static String token(ServerFixture fixture, CreatedPass pass) {
        return Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization",
                ServerFixture.basic(pass.credentials().clientId().value(), pass.credentials().clientSecret().reveal()))
                .body()).path("access_token").asText();
    }
}

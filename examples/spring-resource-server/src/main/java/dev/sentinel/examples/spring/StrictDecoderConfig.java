package dev.sentinel.examples.spring;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The strict set-up (profile {@code strict}): Sentinel's default RFC 9068 tokens, {@code typ: at+jwt}, checked for
 * type, issuer, audience and expiry. The properties-only set-up needs none of this, but then Sentinel must issue
 * {@code typ: JWT} ({@code sentinel serve --access-token-typ JWT}), the only type Spring Boot 3 accepts by default.
 */
@Configuration
@Profile("strict")
class StrictDecoderConfig {

    @Bean
    JwtDecoder jwtDecoder(@Value("${sentinel.issuer}") String issuer, @Value("${sentinel.audience}") String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .validateType(false) // Spring Boot 4 (Security 7): remove this line, typ is left to the validator
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), // exp and nbf, 60 s clock skew
                new JwtIssuerValidator(issuer),
                new JwtTypeValidator(List.of("at+jwt")),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
        return decoder;
    }
}

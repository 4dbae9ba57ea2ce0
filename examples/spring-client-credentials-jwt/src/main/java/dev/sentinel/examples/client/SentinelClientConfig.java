package dev.sentinel.examples.client;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The client credentials grant with private_key_jwt: Spring Security's {@code NimbusJwtClientAuthenticationParametersConverter}
 * signs a fresh assertion ({@code iss} = {@code sub} = the client id, a random {@code jti}, 60 s to {@code exp}) with
 * the pass's private key and sends it as {@code client_assertion}; no client secret exists.
 */
@Configuration
class SentinelClientConfig {

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients, @Value("${sentinel.private-jwk}") Path privateJwk,
            @Value("${sentinel.issuer}") String issuer, @Value("${sentinel.assertion-audience}") String audience)
            throws Exception {
        JWK key = JWK.parse(Files.readString(privateJwk));
        NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> assertions =
                new NimbusJwtClientAuthenticationParametersConverter<>(registration -> key);
        if (audience.equals("issuer")) {
            // Spring's default `aud` is the token endpoint URL; RFC 7523bis wants the issuer as the sole audience
            assertions.setJwtClientAssertionCustomizer(context -> context.getClaims().audience(List.of(issuer)));
        } else if (!audience.equals("token-endpoint")) {
            throw new IllegalArgumentException(
                    "sentinel.assertion-audience must be token-endpoint or issuer, not " + audience);
        }
        RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
        tokens.addParametersConverter(assertions);

        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(grant -> grant.accessTokenResponseClient(tokens))
                .build());
        return manager;
    }
}

package dev.sentinel.examples.client;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks the manager for the {@code sentinel} registration's token (it runs the grant, or reuses a token that has not
 * expired), prints it, and calls the resource URL with it. Failures are printed with Sentinel's error code.
 */
@Component
class TokenRunner implements CommandLineRunner, ExitCodeGenerator {

    private final OAuth2AuthorizedClientManager clients;
    private final String resourceUrl;
    private int exitCode = 1;

    TokenRunner(OAuth2AuthorizedClientManager clients, @Value("${sentinel.resource-url}") String resourceUrl) {
        this.clients = clients;
        this.resourceUrl = resourceUrl;
    }

    @Override
    public void run(String... args) {
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("sentinel")
                    .principal("sentinel-example").build());
        } catch (ClientAuthorizationException refused) {
            System.out.println("token refused: " + refused.getError().getErrorCode() + " ("
                    + refused.getError().getDescription() + ")");
            return;
        }
        String token = client.getAccessToken().getTokenValue();
        System.out.println("access_token: " + token);
        System.out.println("scopes: " + String.join(" ", client.getAccessToken().getScopes()));
        if (resourceUrl.isEmpty()) {
            exitCode = 0;
            return;
        }
        HttpStatusCode status = RestClient.create().get().uri(resourceUrl)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange((request, response) -> {
                    System.out.println(resourceUrl + ": " + response.getStatusCode().value() + " "
                            + new String(response.getBody().readAllBytes()));
                    return response.getStatusCode();
                });
        exitCode = status.is2xxSuccessful() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IssuerKeySourceTest {

    private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");
    private final HttpKeySources sources = HttpKeySources.builder(new TrustedFetcher(FetchPolicy.builder()
            .allowPrivateTargets(true).timeout(Duration.ofSeconds(1)).build())).clock(clock).build();
    private LoopbackServer discovery;
    private JwksPublisher keysHost;

    @AfterEach
    void stop() {
        if (discovery != null) {
            discovery.close();
        }
        if (keysHost != null) {
            keysHost.close();
        }
    }

    @Test
    void findsTheKeysByOpenIdDiscoveryOnAnotherHost() throws Exception {
        keysHost = new JwksPublisher();
        keysHost.publish("k1");
        discovery = LoopbackServer.http();
        URI issuer = discovery.uri("/tenant");
        discovery.json("/tenant/.well-known/openid-configuration", "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"" + keysHost.server.uri("localhost", "/jwks") + "\"}");

        assertThat(sources.issuer(issuer).keys(Optional.of("k1"))).extracting(JWK::getKeyID).containsExactly("k1");
        assertThat(sources.issuer(issuer).jwksUri().getHost()).isEqualTo("localhost");
    }

    @Test
    void fallsBackToRfc8414WhenOpenIdDiscoveryIsMissing() throws Exception {
        keysHost = new JwksPublisher();
        keysHost.publish("k1");
        discovery = LoopbackServer.http();
        URI issuer = discovery.uri("/tenant");
        discovery.json("/.well-known/oauth-authorization-server/tenant", "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"" + keysHost.jwks() + "\"}");

        assertThat(sources.issuer(issuer).keys(Optional.empty())).extracting(JWK::getKeyID).containsExactly("k1");
        assertThat(discovery.hits("/tenant/.well-known/openid-configuration")).isZero(); // no such route: 404
    }

    @Test
    void refusesADocumentThatNamesAnotherIssuer() throws Exception {
        discovery = LoopbackServer.http();
        URI issuer = discovery.uri("");
        discovery.json("/.well-known/openid-configuration", "{\"issuer\":\"https://accounts.example.com\","
                + "\"jwks_uri\":\"https://accounts.example.com/keys\"}");

        assertThatThrownBy(() -> sources.issuer(issuer).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("names the issuer https://accounts.example.com, not " + issuer));
    }

    @Test
    void refusesAFileJwksUriWithoutThrowingAnythingElse() throws Exception {
        discovery = LoopbackServer.http();
        URI issuer = discovery.uri("");
        discovery.json("/.well-known/openid-configuration", "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"file:///etc/passwd\"}");

        assertThatThrownBy(() -> sources.issuer(issuer).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("'file:…' is not an https URL"));
    }

    @Test
    void appliesTheAddressRulesToTheDiscoveredJwksUri() throws Exception {
        discovery = LoopbackServer.http();
        URI issuer = discovery.uri("");
        discovery.json("/.well-known/openid-configuration", "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"https://169.254.169.254/latest/meta-data\"}");

        assertThatThrownBy(() -> sources.issuer(issuer).keys(Optional.empty()))
                .isInstanceOf(KeysUnavailableException.class);
        HttpKeySources strict = HttpKeySources.builder(new TrustedFetcher(FetchPolicy.builder()
                .allowedHosts(() -> java.util.Set.of("127.0.0.1")).build())).clock(clock).build();
        assertThatThrownBy(() -> strict.jwksUri(URI.create("https://169.254.169.254/keys")).keys(Optional.empty()))
                .isInstanceOfSatisfying(KeysUnavailableException.class, refused -> assertThat(refused.getMessage())
                        .contains("169.254.169.254, a link-local address"));
    }
}

package dev.sentinel.resource.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedResourceTest {

    @Test
    void theMetadataPathInsertsTheWellKnownSegmentBeforeTheResourcePathWithoutItsFinalSlash() {
        assertThat(resource("https://api.example.com").metadataPath()).isEqualTo("/.well-known/oauth-protected-resource");
        assertThat(resource("https://api.example.com/").metadataPath()).isEqualTo("/.well-known/oauth-protected-resource");
        assertThat(resource("https://api.example.com:8443/v1/orders/").metadataUri()).hasToString(
                "https://api.example.com:8443/.well-known/oauth-protected-resource/v1/orders");
        assertThat(resource("http://[::1]:7000/mcp").metadataUri()).hasToString(
                "http://[::1]:7000/.well-known/oauth-protected-resource/mcp");
    }

    @Test
    void refusesIdentifiersRfc9728DoesNotAllowNamingTheRule() {
        assertThatThrownBy(() -> ProtectedResource.builder("http://api.example.com"))
                .hasMessageContaining("resource must use https; http is allowed only for a loopback host");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com/v1?tenant=a"))
                .hasMessageContaining("resource must have no query, fragment or user info");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com/v1#x"))
                .hasMessageContaining("resource must have no query, fragment or user info");
        assertThatThrownBy(() -> ProtectedResource.builder("/v1/orders"))
                .hasMessageContaining("resource must be an absolute https URL with a host");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com/{id}"))
                .hasMessageContaining("resource must be a URL");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com").build())
                .hasMessageContaining("at least one authorization server");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com").authorizationServer("ftp://x"))
                .hasMessageContaining("authorization server must be an absolute https URL");
        assertThatThrownBy(() -> ProtectedResource.builder("https://api.example.com").scopesSupported(List.of("a b")))
                .hasMessageContaining("each scope must be 1-200 visible ASCII characters");
    }

    private static ProtectedResource resource(String url) {
        return ProtectedResource.builder(url).authorizationServer("https://auth.example.com").build();
    }
}

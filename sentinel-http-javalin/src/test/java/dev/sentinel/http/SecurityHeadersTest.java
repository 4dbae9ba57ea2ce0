package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reply carries nosniff and no-referrer; API, OAuth and webjar replies a policy that runs and frames nothing. */
class SecurityHeadersTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/openapi.json", "/api/v1/passes/SP-2026-AAAAAA", "/.well-known/jwks.json",
        "/.well-known/oauth-authorization-server", "/healthz", "/readyz", "/metrics", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"})
    void dataRepliesGetTheStrictHeaders(String path) {
        HttpResponse<String> reply = fixture.send(HttpRequest.newBuilder(fixture.uri(path)).build());

        assertThat(reply.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        assertThat(reply.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        assertThat(reply.headers().firstValue("Content-Security-Policy")).as(path).contains(ServerWiring.DATA_CSP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth/token"})
    void oauthErrorsGetThemToo(String path) {
        HttpResponse<String> reply = fixture.postForm(path, "grant_type=client_credentials");

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.headers().firstValue("Content-Security-Policy")).contains(ServerWiring.DATA_CSP);
        assertThat(reply.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/"})
    void theDashboardKeepsItsOwnPolicy(String path) {
        HttpResponse<String> reply = fixture.send(HttpRequest.newBuilder(fixture.uri(path)).build());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .startsWith("default-src 'self'");
        assertThat(reply.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }
}

package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Passes bound to networks ({@code allowed_ips}) against a real server and a real client on loopback. */
class NetworkBindingTest {

    private ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void restart(UnaryOperator<TestServer.Builder> settings) {
        fixture.close();
        fixture = new ServerFixture(settings);
    }

    private CreatedPass bound(String... cidrs) {
        return fixture.createPass(builder -> builder.allowedIps(List.of(cidrs)));
    }

    private HttpResponse<String> grant(CreatedPass pass, String... headers) {
        return fixture.postForm("/oauth/token", ServerFixture.form(Map.of("grant_type", "client_credentials",
                "client_id", pass.credentials().clientId().value(),
                "client_secret", pass.credentials().clientSecret().reveal())), headers);
    }

    private ActivityEvent lastAttempt(CreatedPass pass) {
        List<ActivityEvent> events = fixture.activity(pass.pass().passId(), 1);
        assertThat(events).isNotEmpty();
        return events.get(0);
    }

    @Test
    void aGrantFromOutsideTheAllowedNetworksIsInvalidClientAndTheActivitySaysWhy() {
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> response = grant(pass);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("allowed").doesNotContain("127.0.0.1").doesNotContain("10.0.0.0");
        ActivityEvent refused = lastAttempt(pass);
        assertThat(refused.success()).isFalse();
        assertThat(refused.errorMessage().orElse("")).contains("address_not_allowed: address 127.0.0.1 not in allowed_ips");
        assertThat(refused.clientIp()).contains("127.0.0.1");
    }

    @Test
    void aGrantFromInsideTheAllowedNetworksGetsAToken() {
        CreatedPass pass = bound("192.0.2.0/24", "127.0.0.0/8");

        HttpResponse<String> response = grant(pass);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("access_token").asText()).isNotBlank();
    }

    @Test
    void aSpoofedForwardingHeaderFromAnUntrustedPeerChangesNothing() {
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> viaXff = grant(pass, "X-Forwarded-For", "10.1.2.3");
        HttpResponse<String> viaForwarded = grant(pass, "Forwarded", "for=10.1.2.3");

        assertThat(viaXff.statusCode()).isEqualTo(401);
        assertThat(viaForwarded.statusCode()).isEqualTo(401);
        assertThat(fixture.activity(pass.pass().passId(), 2)).allSatisfy(event -> {
            assertThat(event.clientIp()).contains("127.0.0.1");
            assertThat(event.errorMessage().orElse("")).contains("address_not_allowed: address 127.0.0.1 not in allowed_ips");
        });
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsCheckedAndRecorded() {
        restart(builder -> builder.trustedProxies(List.of("127.0.0.1/32")));
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> response = grant(pass, "X-Forwarded-For", "10.1.2.3, 127.0.0.1");

        assertThat(response.statusCode()).isEqualTo(200);
        ActivityEvent granted = lastAttempt(pass);
        assertThat(granted.success()).isTrue();
        assertThat(granted.clientIp()).contains("10.1.2.3");
    }

    @Test
    void behindATrustedProxyRfc7239ForwardedWorksToo() {
        restart(builder -> builder.trustedProxies(List.of("127.0.0.1/32")));
        CreatedPass ipv4 = bound("10.0.0.0/8");
        CreatedPass ipv6 = bound("2001:db8::/32");

        assertThat(grant(ipv4, "Forwarded", "for=10.1.2.3;proto=https, for=127.0.0.1").statusCode()).isEqualTo(200);
        assertThat(grant(ipv6, "Forwarded", "for=\"[2001:db8::1]:4711\"").statusCode()).isEqualTo(200);
        assertThat(lastAttempt(ipv6).clientIp()).contains("2001:db8::1");
    }

    @Test
    void behindATrustedProxyAClientCannotPrependItsWayIn() {
        restart(builder -> builder.trustedProxies(List.of("127.0.0.1/32")));
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> response = grant(pass, "X-Forwarded-For", "10.1.2.3, 203.0.113.9");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(lastAttempt(pass).errorMessage().orElse("")).contains("address 203.0.113.9 not in allowed_ips");
    }

    @Test
    void conflictingForwardingHeadersFromATrustedProxyLeaveTheClientUnknownAndRefused() {
        restart(builder -> builder.trustedProxies(List.of("127.0.0.1/32")));
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> response = grant(pass, "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=10.1.2.3");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(lastAttempt(pass).errorMessage().orElse("")).contains("address unknown not in allowed_ips");
    }

    @Test
    void anIpv6LoopbackClientIsCheckedAgainstIpv6Blocks() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6LoopbackWorks(),
                "this machine cannot listen on the IPv6 loopback ::1");
        restart(builder -> builder.host("::1"));
        CreatedPass ipv6 = bound("::1/128");
        CreatedPass ipv4 = bound("127.0.0.0/8");

        assertThat(grant(ipv6).statusCode()).isEqualTo(200);
        assertThat(lastAttempt(ipv6).clientIp()).contains("::1");
        assertThat(grant(ipv4).statusCode()).isEqualTo(401);
        assertThat(lastAttempt(ipv4).errorMessage().orElse("")).contains("address ::1 not in allowed_ips");
    }

    private static boolean ipv6LoopbackWorks() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 0));
            return true;
        } catch (java.io.IOException | RuntimeException unsupported) {
            return false;
        }
    }

    @Test
    void introspectionAndRevocationWithTheClientsCredentialsAreRefusedFromOutsideToo() {
        CreatedPass pass = bound("10.0.0.0/8");

        HttpResponse<String> response = fixture.postForm("/oauth/introspect", "token=abc",
                "Authorization", ServerFixture.basic(pass.credentials().clientId().value(),
                        pass.credentials().clientSecret().reveal()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(lastAttempt(pass).errorMessage().orElse("")).contains("address_not_allowed");
    }

    @Test
    void createTakesAllowedIpsAndOverviewAndPermissionsShowThem() {
        HttpResponse<String> created = adminJson("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"Bound Agent\", \"agent_type\": \"bot\", \"allowed_ips\": [\"10.0.0.0/8\", \"2001:DB8::/32\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        String passId = Json.parse(created.body()).path("pass").path("pass_id").asText();
        assertThat(texts(Json.parse(created.body()).path("pass").path("allowed_ips")))
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(texts(Json.parse(adminGet("/api/v1/passes/" + passId).body()).path("pass").path("allowed_ips")))
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(texts(Json.parse(adminGet("/api/v1/passes/" + passId + "/permissions").body()).path("allowed_ips")))
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
        JsonNode unbound = Json.parse(adminJson("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"Open Agent\", \"agent_type\": \"bot\"}").body());
        assertThat(unbound.path("pass").path("allowed_ips").isArray()).isTrue();
        assertThat(unbound.path("pass").path("allowed_ips")).isEmpty();
    }

    @Test
    void aMalformedBlockOnCreateIsA400NamingTheFieldAndCreatesNothing() {
        HttpResponse<String> response = adminJson("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"Bound Agent\", \"agent_type\": \"bot\", \"allowed_ips\": [\"10.0.0.0/33\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode error = Json.parse(response.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("allowed_ips");
        assertThat(error.path("message").asText()).isEqualTo("10.0.0.0/33: prefix length must be 0-32");
        assertThat(fixture.sentinel.passes().list(dev.sentinel.core.domain.ProjectId.of("demo"))).isEmpty();
        assertThat(adminJson("POST", "/api/v1/projects/demo/passes",
                "{\"agent_name\": \"A\", \"agent_type\": \"bot\", \"allowed_ips\": \"10.0.0.0/8\"}").body())
                .contains("allowed_ips").contains("must be an array of strings");
    }

    @Test
    void patchChangesAndClearsTheAllowedNetworksAndIsAudited() {
        CreatedPass pass = bound("10.0.0.0/8");
        String path = "/api/v1/passes/" + pass.pass().passId().value();
        assertThat(grant(pass).statusCode()).isEqualTo(401);

        HttpResponse<String> rebound = adminJson("PATCH", path, "{\"allowed_ips\": [\"127.0.0.1\", \"::1/128\"]}");

        assertThat(rebound.statusCode()).isEqualTo(200);
        assertThat(texts(Json.parse(rebound.body()).path("pass").path("allowed_ips")))
                .containsExactly("127.0.0.1/32", "::1/128");
        assertThat(grant(pass).statusCode()).isEqualTo(200);
        assertThat(adminJson("PATCH", path, "{\"allowed_ips\": null}").statusCode()).isEqualTo(200);
        assertThat(fixture.sentinel.passes().get(pass.pass().passId()).pass().allowedNetworks().isUnrestricted()).isTrue();
        assertThat(adminJson("PATCH", path, "{\"allowed_ips\": [\"10.0.0.0/8\"]}").statusCode()).isEqualTo(200);
        assertThat(adminJson("PATCH", path, "{\"allowed_ips\": []}").statusCode()).isEqualTo(200);
        List<AuditEntry> audit = fixture.storage.read(session -> session.audit().forPass(pass.pass().passId().value()));
        assertThat(audit).extracting(AuditEntry::detail).contains("allowed_ips 10.0.0.0/8 -> 127.0.0.1/32,::1/128",
                "allowed_ips 127.0.0.1/32,::1/128 -> any", "allowed_ips 10.0.0.0/8 -> any");
        assertThat(audit).filteredOn(entry -> entry.action().equals("pass.allowed_ips"))
                .extracting(AuditEntry::actor).containsOnly("admin-api");
    }

    @Test
    void aMalformedPatchIsA400NamingTheFieldAndChangesNothing() {
        CreatedPass pass = bound("10.0.0.0/8");
        String path = "/api/v1/passes/" + pass.pass().passId().value();

        HttpResponse<String> malformed = adminJson("PATCH", path, "{\"allowed_ips\": [\"127.0.0.0/8\", \"1.2.3.4/8\"]}");
        HttpResponse<String> empty = adminJson("PATCH", path, "{}");
        HttpResponse<String> unknownField = adminJson("PATCH", path, "{\"allowed_ips\": [], \"permissions\": \"admin\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Json.parse(malformed.body()).path("errors").get(0).path("message").asText())
                .isEqualTo("1.2.3.4/8: host bits are set; the block is 1.0.0.0/8");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Json.parse(empty.body()).path("errors").findValuesAsText("field")).containsExactly("allowed_ips");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unknownField.body()).path("errors").findValuesAsText("field")).containsExactly("permissions");
        assertThat(fixture.sentinel.passes().get(pass.pass().passId()).pass().allowedNetworks().texts())
                .containsExactly("10.0.0.0/8");
        assertThat(adminJson("PATCH", "/api/v1/passes/SP-2026-NOPASS", "{\"allowed_ips\": []}").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> adminJson(String method, String path, String json) {
        return fixture.send(fixture.admin(path).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> adminGet(String path) {
        return fixture.send(fixture.admin(path).GET().build());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

}

package dev.sentinel.http;

import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.AdminTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private static final byte[] KEK = new byte[32];

    @Test
    void generatesAnAdminTokenOnceStoresOnlyItsHashAndAcceptsItAfterARestart() throws Exception {
        Sentinel sentinel = Sentinel.builder().storage(new InMemoryStorage()).build();
        String token;
        try (SentinelServer first = TestServer.builder(sentinel).port(0).keyEncryptionKey(KEK).build().start()) {
            token = first.node().generatedAdminToken().orElseThrow();
            assertThat(token).startsWith(AdminTokens.PREFIX);
            String stored = SentinelStorage.of(sentinel).read(session -> session.settings().get(AdminTokens.SETTING)).orElseThrow();
            assertThat(stored).startsWith("$sha256$").doesNotContain(token);
        }
        try (SentinelServer second = TestServer.builder(sentinel).port(0).keyEncryptionKey(KEK).build().start()) {
            assertThat(second.node().generatedAdminToken()).isEmpty();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(second.baseUri().resolve("/api/v1/projects/demo/passes"))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}

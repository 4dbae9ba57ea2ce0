package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Routes;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    void documentsEveryRegisteredRouteAndNothingElse() {
        try (ServerFixture fixture = new ServerFixture()) {
            JsonNode document = Json.parse(fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/openapi.json")).build()).body());
            List<Routes.Route> documented = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(new Routes.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));

            assertThat(document.path("openapi").asText()).startsWith("3.");
            assertThat(fixture.server.routes()).isNotEmpty();
            assertThat(documented).containsExactlyInAnyOrderElementsOf(fixture.server.routes());
        }
    }
}

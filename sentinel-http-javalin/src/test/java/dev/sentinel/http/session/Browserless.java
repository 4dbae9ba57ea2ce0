package dev.sentinel.http.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/** A real HTTP client that sends exactly the cookie and headers a test gives it (no cookie jar to hide what is sent). */
final class Browserless {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    Browserless(URI base) {
        this.base = base;
    }

    String origin() {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Signs in; the reply as it came. */
    HttpResponse<String> signIn(String email, String password, String totp, String... headers) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (totp == null ? "" : ",\"totp\":\"" + totp + "\"") + "}";
        return send("POST", "/api/v1/session", body, headers);
    }

    /** The session cookie a reply sets ("name=value"), if any. */
    static Optional<String> sessionCookie(HttpResponse<?> reply) {
        List<String> cookies = reply.headers().allValues("Set-Cookie");
        return cookies.stream().filter(cookie -> cookie.contains(SessionCookies.NAME + "="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).filter(cookie -> !cookie.endsWith("="))
                .findFirst();
    }

    static JsonNode json(HttpResponse<String> reply) {
        try {
            return MAPPER.readTree(reply.body());
        } catch (IOException malformed) {
            throw new IllegalStateException(reply.body(), malformed);
        }
    }
}

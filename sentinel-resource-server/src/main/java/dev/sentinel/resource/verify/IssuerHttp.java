package dev.sentinel.resource.verify;

import dev.sentinel.core.jose.JoseJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The verifier's calls to the issuer: JSON over the JDK's HTTP client, with a timeout on every request, no redirects
 * followed and replies capped at {@value #MAX_REPLY_BYTES} bytes. Thread-safe.
 */
final class IssuerHttp {

    static final int MAX_REPLY_BYTES = 256 * 1024;

    /** The issuer answered with something other than a JSON object, or not at all. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    IssuerHttp(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    static HttpClient defaultClient(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Map<String, Object> getJson(URI uri) throws Unavailable {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    Map<String, Object> postForm(URI uri, String form, String authorization) throws Unavailable {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private Map<String, Object> send(HttpRequest request) throws Unavailable {
        String target = request.method() + " " + request.uri();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException failure) {
            throw new Unavailable(target + " failed: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")"));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unavailable(target + " was interrupted");
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_REPLY_BYTES + 1);
            if (response.statusCode() != 200) {
                throw new Unavailable(target + " answered HTTP " + response.statusCode());
            }
            if (bytes.length > MAX_REPLY_BYTES) {
                throw new Unavailable(target + " answered more than " + MAX_REPLY_BYTES + " bytes");
            }
            return JoseJson.read(bytes);
        } catch (IOException failure) {
            throw new Unavailable(target + " failed while reading the reply: " + failure.getClass().getSimpleName());
        } catch (IllegalArgumentException malformed) {
            throw new Unavailable(target + " answered something that is not a JSON object: " + malformed.getMessage());
        }
    }
}

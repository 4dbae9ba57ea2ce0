package dev.sentinel.http.problem;

import dev.sentinel.http.web.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty raises before a request reaches the application — a 503 while the server stops, a 400 for an
 * illegal path such as {@code /api/v1/passes/%00} — in the API's own shapes instead of Jetty's HTML page: RFC 6749
 * JSON under {@code /oauth/}, {@code application/problem+json} everywhere else.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String path = request.getHttpURI() == null || request.getHttpURI().getPath() == null ? "/"
                : request.getHttpURI().getPath();
        Map<String, Object> body = new LinkedHashMap<>();
        String contentType;
        if (path.startsWith("/oauth/")) {
            body.put("error", code == 503 ? "temporarily_unavailable" : code < 500 ? "invalid_request" : "server_error");
            body.put("error_description", describe(code));
            contentType = Json.JSON;
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        } else {
            body.put("type", "about:blank");
            body.put("title", Problems.title(code));
            body.put("status", code);
            body.put("detail", describe(code));
            contentType = Json.PROBLEM_JSON;
        }
        if (code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
    }

    private static String describe(int code) {
        return switch (code) {
            case 503 -> "the server is stopping or unavailable; try again";
            case 400 -> "the request is malformed (for example an illegal character in the path)";
            case 404 -> "no such resource";
            case 408 -> "the request body did not arrive in time";
            case 413 -> "the request body is larger than 64 KiB";
            case 431 -> "the request headers are too large";
            default -> "the request could not be handled";
        };
    }
}

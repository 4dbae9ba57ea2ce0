package dev.sentinel.http.problem;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.IdempotencyKeyReusedException;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ProjectNotEmptyException;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.access.AccessDeniedException;
import dev.sentinel.core.domain.access.AccessKeyNotFoundException;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure outside the OAuth endpoints into one {@code application/problem+json} reply (RFC 9457):
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for input errors, {@code errors} with one
 * {@code {field, message}} per broken rule. Unexpected failures are logged and shown without details.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void handle(Exception failure, Context ctx) {
        if (failure instanceof HttpProblem problem) {
            write(ctx, problem.status(), problem.getMessage(), problem.errors());
        } else if (failure instanceof ValidationException invalid) {
            write(ctx, 400, "the request has invalid fields", invalid.violations());
        } else if (failure instanceof PassNotFoundException || failure instanceof ProjectNotFoundException
                || failure instanceof AccountNotFoundException || failure instanceof AccessKeyNotFoundException
                || failure instanceof dev.sentinel.core.domain.federation.TrustPolicyNotFoundException
                || failure instanceof dev.sentinel.core.domain.resource.ResourceNotFoundException) {
            write(ctx, 404, failure.getMessage(), List.of());
        } else if (failure instanceof AccessDeniedException denied) {
            write(ctx, 403, denied.getMessage(), List.of(), Map.of("role_needed", denied.roleNeeded().code()));
        } else if (failure instanceof ProjectNotEmptyException notEmpty) {
            write(ctx, 409, notEmpty.getMessage(), List.of(), Map.of("passes", notEmpty.passes()));
        } else if (failure instanceof IdempotencyKeyReusedException reused) {
            write(ctx, 422, reused.getMessage(), List.of(new FieldViolation("Idempotency-Key", reused.getMessage())));
        } else if (failure instanceof ConflictException conflict) {
            List<FieldViolation> errors = conflict.field().isEmpty() ? List.of()
                    : List.of(new FieldViolation(conflict.field(), conflict.getMessage()));
            write(ctx, 409, conflict.getMessage(), errors);
        } else if (failure instanceof StorageException unavailable) {
            LOG.warn("storage failure on {} {}: {}", ctx.method(), ctx.path(), unavailable.getMessage());
            ctx.header("Retry-After", "1");
            writeInShape(ctx, 503, "temporarily_unavailable", "the store is unavailable; try again later");
        } else if (failure instanceof HttpResponseException http) {
            write(ctx, http.getStatus(), detailFor(http), List.of());
        } else if (clientGaveUp(failure)) {
            // the client closed the connection or sent its body too slowly (or the server is stopping under it):
            // routine, one debug line; whoever is still listening gets the endpoint's own shape
            LOG.debug("client aborted {} {}: {}", ctx.method(), ctx.path(), failure.toString());
            writeInShape(ctx, 408, "invalid_request", "the request body did not arrive in time");
        } else {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), failure);
            write(ctx, 500, "an unexpected error occurred", List.of());
        }
    }

    /** Whether reading the request failed because the client went away or trickled its body below the minimum rate. */
    static boolean clientGaveUp(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.eclipse.jetty.io.EofException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof org.eclipse.jetty.http.BadMessageException bad && bad.getCode() == 408) {
                return true;
            }
        }
        return false;
    }

    /** The endpoint's own shape: RFC 6749 JSON ({@code error} as given) under {@code /oauth/}, problem JSON elsewhere. */
    private static void writeInShape(Context ctx, int status, String oauthError, String detail) {
        if (!ctx.path().startsWith("/oauth/")) {
            write(ctx, status, detail, List.of());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(Json.JSON).result(Json.bytes(Map.of("error", oauthError,
                "error_description", detail)));
    }

    /** Writes a problem reply for a status without an exception (e.g. an unmatched route). */
    public static void write(Context ctx, int status, String detail, List<FieldViolation> errors) {
        write(ctx, status, detail, errors, Map.of());
    }

    /** {@link #write(Context, int, String, List)} with extension members (RFC 9457 §3.2) after the standard ones. */
    public static void write(Context ctx, int status, String detail, List<FieldViolation> errors,
                             Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(Problems::error).toList());
        }
        body.putAll(extensions);
        ctx.status(status).contentType(Json.PROBLEM_JSON).result(Json.bytes(body));
    }

    /** One broken rule, {@code field} before {@code message} as the docs show it (a Map.of would vary the order). */
    private static Map<String, String> error(FieldViolation violation) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", violation.field());
        error.put("message", violation.rule());
        return error;
    }

    private static String detailFor(HttpResponseException http) {
        return switch (http.getStatus()) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 413 -> "the request body is larger than 64 KiB";
            default -> http.getMessage() == null ? title(http.getStatus()) : http.getMessage();
        };
    }

    /** {@code 1 problem}, {@code 2 problems}: a count with its noun in the right number. */
    public static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** The reason phrase of RFC 9110 (and RFC 6585 for 429) for each status the API answers with. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 408 -> "Request Timeout";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : org.eclipse.jetty.http.HttpStatus.getMessage(status);
        };
    }
}

package dev.sentinel.http.problem;

import dev.sentinel.core.domain.FieldViolation;
import java.util.List;

/**
 * An HTTP error of the management API, written once as {@code application/problem+json} (RFC 9457). The detail is
 * shown to the caller, so it never contains secret material.
 */
public final class HttpProblem extends RuntimeException {

    private final int status;
    private final List<FieldViolation> errors;

    public HttpProblem(int status, String detail) {
        this(status, detail, List.of());
    }

    public HttpProblem(int status, String detail, List<FieldViolation> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, detail);
    }

    public static HttpProblem field(String field, String rule) {
        return new HttpProblem(400, "the request has invalid fields", List.of(new FieldViolation(field, rule)));
    }

    public int status() {
        return status;
    }

    public List<FieldViolation> errors() {
        return errors;
    }
}

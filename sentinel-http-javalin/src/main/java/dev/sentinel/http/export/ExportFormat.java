package dev.sentinel.http.export;

import dev.sentinel.core.domain.Coded;

/** The formats activity logs export to. */
public enum ExportFormat implements Coded {
    JSON("json", "application/json"),
    CSV("csv", "text/csv; charset=utf-8"),
    JSONL("jsonl", "application/jsonl");

    public static final String FIELD = "format";

    private final String code;
    private final String contentType;

    ExportFormat(String code, String contentType) {
        this.code = code;
        this.contentType = contentType;
    }

    @Override
    public String code() {
        return code;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses a format; blank means JSON. */
    public static ExportFormat parse(String raw) {
        return raw == null || raw.isBlank() ? JSON : Coded.parse(ExportFormat.class, FIELD, raw);
    }
}

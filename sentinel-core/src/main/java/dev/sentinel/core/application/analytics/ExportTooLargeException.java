package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.SentinelException;

/** An export matched more records than one file may hold; narrow the range or split it. */
public final class ExportTooLargeException extends SentinelException {

    private final long matched;
    private final int limit;

    public ExportTooLargeException(long matched, int limit) {
        super("the export matches " + matched + " records, more than the limit of " + limit
                + "; narrow the date range (start_date, end_date) and export in several batches");
        this.matched = matched;
        this.limit = limit;
    }

    public long matched() {
        return matched;
    }

    public int limit() {
        return limit;
    }
}

package dev.sentinel.cli.activity;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * "exported 12,000 / 25,000 records" on stderr, updated in place every thousand records, when a person is watching
 * on a terminal; silent otherwise, so scripts see only the written paths.
 */
final class ExportProgress {

    private static final int EVERY = 1_000;

    private final PrintWriter err;
    private final long total;
    private long done;

    private ExportProgress(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    static ExportProgress shownOn(PrintWriter err, long total) {
        return new ExportProgress(err, total);
    }

    static ExportProgress silent() {
        return new ExportProgress(null, 0);
    }

    void advance() {
        done++;
        if (err != null && done % EVERY == 0) {
            show();
        }
    }

    void finish() {
        if (err != null) {
            show();
            err.println();
            err.flush();
        }
    }

    private void show() {
        err.print(String.format(Locale.ROOT, "\rexported %,d / %,d records", done, Math.max(done, total)));
        err.flush();
    }
}

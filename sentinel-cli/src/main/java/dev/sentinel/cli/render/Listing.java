package dev.sentinel.cli.render;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** What every {@code list} command prints: the JSON document with --json, else a hint when there is none, else a table. */
public final class Listing {

    private Listing() {
    }

    /**
     * Prints the listing and flushes {@code out}: {@code document} as JSON when {@code json}, otherwise
     * {@code whenEmpty} (one line saying how to create the first) when {@code empty}, otherwise {@code table}.
     */
    public static void print(PrintWriter out, boolean json, Supplier<?> document, boolean empty, String whenEmpty,
                             Supplier<Table> table) {
        if (json) {
            out.println(Json.write(document.get()));
        } else if (empty) {
            out.println(whenEmpty);
        } else {
            out.print(table.get().render());
        }
        out.flush();
    }
}

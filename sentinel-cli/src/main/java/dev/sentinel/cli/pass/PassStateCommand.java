package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import java.io.PrintWriter;

/** The shape of toggle, revoke and activate: change one pass's state and report the new one. */
abstract class PassStateCommand extends OnePassCommand {

    /** Applies the change and returns the pass after it. */
    abstract SentinelPass change(PassService passes, PassId passId);

    @Override
    final void run(Store store, PrintWriter out) {
        SentinelPass changed = change(store.passes(), passId);
        if (json.enabled()) {
            out.println(Json.write(PassViews.json(changed, store.sentinel().clock().instant())));
        } else {
            out.println("Pass " + passId + " is now " + PassViews.status(changed.pass()) + ".");
        }
    }
}

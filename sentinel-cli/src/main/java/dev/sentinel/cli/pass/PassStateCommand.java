package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.service.PassService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The shape of toggle, revoke and activate: change one pass's state and report the new one. */
abstract class PassStateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    /** Applies the change and returns the pass after it. */
    abstract SentinelPass change(PassService passes, PassId passId);

    @Override
    public final Integer call() {
        try (Store store = Store.open(storeOptions)) {
            SentinelPass changed = change(store.passes(), passId);
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled()) {
                out.println(Json.write(PassViews.json(changed, store.sentinel().clock().instant())));
            } else {
                out.println("Pass " + passId + " is now " + PassViews.status(changed.pass()) + ".");
            }
            out.flush();
        }
        return 0;
    }
}

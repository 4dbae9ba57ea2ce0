package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.PassKeysInput;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shape of {@code pass keys add|replace|remove PASS_ID}: read the pass, work out the change, make it in one audited
 * step ({@code PassService.changeKeys}, as {@code PATCH /api/v1/passes/{id}}), then print the keys now registered, and
 * a key pair made here with its private key, this once.
 */
abstract class KeyChangeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    /** Refuses bad combinations of options before anything is opened (usage errors). */
    abstract void check();

    /** A key pair to make for the change, if asked for. */
    Optional<GeneratedKey> generate() {
        return Optional.empty();
    }

    /** The key fields to send, worked out from the pass as stored. */
    abstract PassKeysInput change(SentinelPass current, Optional<GeneratedKey> generated);

    /** The line on stderr that says what changed. */
    abstract String done();

    @Override
    public final Integer call() {
        check();
        Optional<GeneratedKey> generated = generate();
        try (Store store = Store.open(storeOptions)) {
            SentinelPass current = store.passes().get(passId);
            SentinelPass changed = store.passes().changeKeys(passId, change(current, generated));
            print(changed, generated);
        }
        return 0;
    }

    private void print(SentinelPass changed, Optional<GeneratedKey> generated) {
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> document = KeyViews.json(changed);
            generated.ifPresent(key -> document.put("private_key", PrivateKeyViews.json(key)));
            out.println(Json.write(document));
        } else {
            KeyViews.print(out, changed, false);
            generated.ifPresent(key -> out.print("Private key " + key.thumbprint() + " (" + key.algorithm()
                    + "), shown only this once:\n" + key.privateKeyPem() + "As a JWK:\n"
                    + Json.compact(key.privateJwk()) + "\n"));
        }
        out.flush();
        spec.commandLine().getErr().println(done() + generated.map(key -> " " + PrivateKeyViews.SHOWN_ONCE).orElse(""));
        spec.commandLine().getErr().flush();
    }
}

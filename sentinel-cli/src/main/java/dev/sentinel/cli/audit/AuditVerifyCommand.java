package dev.sentinel.cli.audit;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.KeyEncryptionKeyOptions;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.serve.KeyEncryptionKey;
import dev.sentinel.core.application.audit.AuditVerification;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel audit verify}: checks every entry's MAC and the chain without gaps, with the audit key derived from
 * the key-encryption key; reports the first entry that does not verify with its position, and exits 1 then.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the audit trail's chain of MACs: every entry unchanged, none missing.",
            "Reports the first entry that does not verify, with its position, and exits 1.",
            "Uses the key-encryption key of serve: --key-encryption-key-file, env",
            KeyEncryptionKey.ENV + ", or the file in --data-dir."})
final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KeyEncryptionKeyOptions keyEncryptionKeyOptions;

    @Override
    public Integer call() {
        AuditVerification result;
        byte[] key = new byte[0];
        try {
            Store.open(storeOptions).close(); // a missing store is named before a missing key
            key = keyEncryptionKeyOptions.resolve(storeOptions.dataDir(), false);
            try (Store store = Store.open(storeOptions, key)) {
                result = store.sentinel().audit().verify();
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("intact", result.intact());
            document.put("verified", result.verified());
            document.put("before_chain", result.beforeChain());
            document.put("head_sequence", result.headSequence());
            document.put("head_mac", result.headMac().orElse(null));
            document.put("first_break", result.firstBreak().map(found -> {
                Map<String, Object> broken = new LinkedHashMap<>();
                broken.put("position", found.position());
                broken.put("reason", found.reason().name().toLowerCase(java.util.Locale.ROOT));
                broken.put("description", found.description());
                return broken;
            }).orElse(null));
            out.println(Json.write(document));
        } else if (result.intact()) {
            out.println("The audit trail verifies: " + Figures.count(result.verified()) + " entries chained"
                    + (result.beforeChain() > 0 ? ", " + Figures.count(result.beforeChain())
                    + " older entries written before the chain (not verifiable)" : "")
                    + "; head " + result.headSequence() + result.headMac().map(mac -> " " + mac).orElse("") + ".");
            out.println("Note the head somewhere else: a later verify that ends before it means newest entries were cut.");
        } else {
            AuditVerification.Break found = result.firstBreak().get();
            spec.commandLine().getErr().println("error: the audit trail does not verify at entry " + found.position()
                    + " (" + found.reason().name().toLowerCase(java.util.Locale.ROOT) + "): " + found.description()
                    + "; " + Figures.count(result.verified()) + " entries before it verified");
            spec.commandLine().getErr().flush();
        }
        out.flush();
        return result.intact() ? 0 : 1;
    }
}

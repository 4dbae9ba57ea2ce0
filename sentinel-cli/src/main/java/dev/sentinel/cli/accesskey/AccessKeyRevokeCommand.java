package dev.sentinel.cli.accesskey;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.domain.access.AccessKeyId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel access-key revoke ID}: running servers refuse the key within the cache bound. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke an access key: running servers refuse it within " + AdminTokens.REFRESH_SECONDS
                + " seconds. Audited."})
final class AccessKeyRevokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The key's id (key_...), from access-key list.")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        AccessKeyId key = new AccessKeyId(id);
        try (Store store = Store.open(storeOptions)) {
            store.accessKeys().revoke(key);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Revoked access key " + key + "; running servers refuse it within " + AdminTokens.REFRESH_SECONDS
                + " seconds.");
        out.flush();
        return 0;
    }
}

package dev.sentinel.cli.accesskey;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel access-key list}: every key, oldest first, never the key itself. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the access keys (never the keys themselves), oldest first, with when each was last used.")
final class AccessKeyListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        List<AccessKey> keys;
        try (Store store = Store.open(storeOptions)) {
            keys = store.accessKeys().list();
        }
        Listing.print(spec.commandLine().getOut(), json.enabled(), () -> keys.stream().map(AccessKeys::json).toList(),
                keys.isEmpty(), "No access keys. Create one with: sentinel access-key create --name NAME --role ROLE",
                () -> table(keys));
        return 0;
    }

    private static Table table(List<AccessKey> keys) {
        Table table = Table.withHeader("ID", "NAME", "ROLE", "PROJECTS", "CREATED (UTC)", "EXPIRES", "LAST USED");
        keys.forEach(key -> table.row(key.id(), key.name(), key.role().code(),
                String.join(",", key.projects().stream().map(ProjectId::value).sorted().toList()),
                Figures.instant(key.createdAt()), key.expiresAt().map(Figures::instant).orElse("never"),
                key.lastUsedAt().map(Figures::instant).orElse("never")));
        return table;
    }
}

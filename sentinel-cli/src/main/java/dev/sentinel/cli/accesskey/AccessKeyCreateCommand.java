package dev.sentinel.cli.accesskey;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.access.CreatedAccessKey;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel access-key create}: a new key, printed this once (the store keeps its hash). */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create an access key and print it (shown only this once; the store keeps a hash).",
            "Roles: owner, admin, viewer, ingest (POST /api/v1/activity for its projects),",
            "metrics (GET /metrics). admin, viewer and ingest need --project. Audited."})
final class AccessKeyCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", paramLabel = "TEXT", required = true, description = "What the key is for, e.g. ci-deploy.")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
            completionCandidates = Candidates.AccessKeyRoles.class,
            description = "owner, admin, viewer, ingest or metrics.")
    String role;

    @Option(names = "--project", paramLabel = "NAME", description = "A project of the key (repeatable).")
    List<String> projects = new ArrayList<>();

    @Option(names = "--expires-at", paramLabel = "DATE-TIME",
            description = "When the key stops working (ISO-8601, e.g. 2027-01-01T00:00:00Z). Default: never.")
    String expiresAt;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        CreateAccessKeyCommand command = new CreateAccessKeyCommand(name, role, projects, expiresAt);
        CreatedAccessKey created;
        try (Store store = Store.open(storeOptions)) {
            created = store.accessKeys().create(command);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> document = new LinkedHashMap<>(AccessKeys.json(created.key()));
            document.put("key", created.secret());
            out.println(Json.write(document));
        } else {
            out.println("Created access key " + created.key().id() + " (" + created.key().name() + ", "
                    + created.key().role().code() + ").");
            out.println("Key (shown only this once, store it now): " + created.secret());
            out.println("Use it as: Authorization: Bearer <key>");
        }
        out.flush();
        return 0;
    }
}

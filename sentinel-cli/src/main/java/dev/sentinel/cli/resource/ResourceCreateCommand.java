package dev.sentinel.cli.resource;

import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.resource.ResourceDraft;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.wire.ResourceJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel resource create --project P --resource URL --name NAME [--scope NAME=DESCRIPTION]…}. Audited. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Register a resource server of a project: its passes that list no allowed audiences may then",
            "ask tokens for it (resource=URL). One URL belongs to one project. Audited."})
final class ResourceCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "The project.")
    String project;

    @Option(names = "--resource", required = true, paramLabel = "URL",
            description = {"The resource server's URL, the tokens' aud: https, or http to 127.0.0.1, [::1] or",
                "localhost; no query or fragment."})
    String resource;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name people see (1-100).")
    String name;

    @Option(names = "--scope", paramLabel = "NAME=DESCRIPTION",
            description = {"A scope the resource understands that a viewer of the project may grant; repeatable,",
                "e.g. --scope 'tools:read=List the tools'."})
    List<String> scopes = new ArrayList<>();

    @Option(names = "--admin-scope", paramLabel = "NAME=DESCRIPTION",
            description = "A scope only an admin of the project may grant; repeatable.")
    List<String> adminScopes = new ArrayList<>();

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        List<ResourceDraft.Scope> drafts = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        scopes.forEach(scope -> parse(scope, "viewer", drafts, malformed));
        adminScopes.forEach(scope -> parse(scope, "admin", drafts, malformed));
        if (!malformed.isEmpty()) {
            throw new CommandFailedException("each scope must be NAME=DESCRIPTION, e.g. 'tools:read=List the "
                    + "tools' (got " + String.join(", ", malformed) + ")");
        }
        RegisteredResource created;
        try (Store store = Store.open(storeOptions)) {
            created = store.sentinel().resources().create(Store.PRINCIPAL, ProjectId.of(project),
                    new ResourceDraft(resource, name, drafts));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(Json.write(ResourceJson.resource(created)));
        } else {
            out.println("Registered " + created.identifier() + " as " + created.id().value() + " in " + project
                    + (created.scopes().isEmpty() ? "" : ", scopes " + ResourceViews.scopes(created)) + ".");
        }
        out.flush();
        return 0;
    }

    private static void parse(String raw, String role, List<ResourceDraft.Scope> drafts, List<String> malformed) {
        int equals = raw.indexOf('=');
        if (equals <= 0) {
            malformed.add("'" + raw + "'");
            return;
        }
        drafts.add(new ResourceDraft.Scope(raw.substring(0, equals), raw.substring(equals + 1), role));
    }
}

package dev.sentinel.cli.project;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.Project;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel project create NAME}: a project record, before any pass is in it. Audited. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a project (a name as for pass create --project), e.g. to add members",
            "before its first pass. Audited."})
final class ProjectCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The project's name: lowercase letters, digits and dashes.")
    String name;

    @Option(names = "--display-name", paramLabel = "TEXT", description = "A name for people (at most 100 characters).")
    String displayName;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Project project;
        try (Store store = Store.open(storeOptions)) {
            project = store.projects().create(name, displayName);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(Json.write(ProjectRecords.json(project)));
        } else {
            out.println("Created project " + project.name() + project.displayName().map(shown -> " (" + shown + ")")
                    .orElse("") + ".");
        }
        out.flush();
        return 0;
    }
}

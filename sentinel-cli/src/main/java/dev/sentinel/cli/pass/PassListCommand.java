package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel pass list [--project P]}: the project's passes, oldest first; without {@code --project}, every
 * project's, by project name (as {@code project list}), with a PROJECT column.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the passes of a project, oldest first; without --project, every project's passes, by "
                + "project name.")
final class PassListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", paramLabel = "PROJECT",
            description = "The project to list. Default: every project.")
    String project;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Optional<ProjectId> projectId = Optional.ofNullable(project).map(ProjectId::of);
        try (Store store = Store.open(storeOptions)) {
            List<SentinelPass> passes = projectId.map(store.passes()::list).orElseGet(store.passes()::listAll);
            Instant now = store.sentinel().clock().instant();
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled()) {
                out.println(Json.write(passes.stream().map(pass -> PassViews.json(pass, now)).toList()));
            } else if (passes.isEmpty()) {
                out.println(projectId.map(id -> "No passes in project " + id + ".")
                        .orElse("No passes yet: sentinel pass create --project NAME … makes one."));
            } else {
                out.print(table(passes, now, projectId.isEmpty()).render());
            }
            out.flush();
        }
        return 0;
    }

    private static Table table(List<SentinelPass> passes, Instant now, boolean withProject) {
        List<String> header = new ArrayList<>(List.of("PASS ID", "AGENT NAME", "AGENT TYPE", "STATUS", "ACCESS",
                "USAGE TYPE", "VALID UNTIL", "CLIENT ID"));
        if (withProject) {
            header.add(0, "PROJECT");
        }
        Table table = Table.withHeader(header.toArray(String[]::new));
        for (SentinelPass sentinelPass : passes) {
            Pass pass = sentinelPass.pass();
            List<Object> cells = new ArrayList<>(List.of(pass.passId(), sentinelPass.agent().name(),
                    sentinelPass.agent().type(), PassViews.status(pass), pass.accessLevel().code(), pass.usageType().code(),
                    pass.validity().validUntil() + " (" + pass.validity().stateAt(now).code() + ")", pass.clientId()));
            if (withProject) {
                cells.add(0, pass.project());
            }
            table.row(cells.toArray());
        }
        return table;
    }
}

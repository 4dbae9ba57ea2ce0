package dev.sentinel.cli.alert;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel alert list}: open alerts (or every alert with {@code --all}), newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the open alerts, newest first (at most 500); --all adds the cleared ones.")
final class AlertListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--project", description = "Only this project's alerts.")
    String project;

    @Option(names = "--all", description = "Cleared alerts too.")
    boolean all;

    @Override
    public Integer call() {
        List<ProjectId> projects = project == null ? List.of() : List.of(ProjectId.of(project));
        List<Alert> alerts;
        try (Store store = Store.open(storeOptions)) {
            alerts = store.sentinel().alerts((p, type, id, data) -> { }).alerts(projects, all, 500);
        }
        Listing.print(spec.commandLine().getOut(), json.enabled(), () -> alerts.stream().map(AlertListCommand::json)
                .toList(), alerts.isEmpty(), all ? "No alerts." : "No open alerts.", () -> table(alerts));
        return 0;
    }

    private static Map<String, Object> json(Alert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", alert.id());
        fields.put("rule_id", alert.ruleId());
        fields.put("project", alert.project().value());
        fields.put("kind", alert.kind().code());
        fields.put("pass_id", alert.passId().value());
        fields.put("stage", alert.stage().isEmpty() ? null : alert.stage());
        fields.put("state", alert.open() ? "open" : "cleared");
        fields.put("detail", alert.detail());
        fields.put("fired_at", Timestamps.format(alert.firedAt()));
        fields.put("cleared_at", Timestamps.formatOrNull(alert.clearedAt()));
        return fields;
    }

    private static Table table(List<Alert> alerts) {
        Table table = Table.withHeader("FIRED (UTC)", "KIND", "STAGE", "PROJECT", "PASS", "STATE", "DETAIL");
        alerts.forEach(alert -> table.row(Figures.instant(alert.firedAt()), alert.kind().code(),
                alert.stage().isEmpty() ? "-" : alert.stage(), alert.project().value(), alert.passId().value(),
                alert.open() ? "open" : "cleared " + Figures.instant(alert.clearedAt().orElseThrow()), alert.detail()));
        return table;
    }
}

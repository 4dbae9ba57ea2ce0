package dev.sentinel.cli.activity;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.pass.PassIdConverter;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.wire.ActivityJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel activity list ID}: one page of the pass's activity log, newest first, with the API's filters. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List a pass's activity, newest first, one page at a time, with filters.")
final class ActivityListCommand implements Callable<Integer> {

    private static final int ENDPOINT_WIDTH = 60;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    ActivityFilterOptions filters;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page number, from 1. Default: 1.")
    String page;

    @Option(names = "--per-page", paramLabel = "N", defaultValue = "25",
            description = "Events per page: 10, 25, 50 or 100. Default: 25.")
    String perPage;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        ActivityFilter filter = violations.check(() -> filters.filter(passId));
        PageRequest request = violations.check(() -> ActivityRequests.page(page, perPage));
        violations.throwIfAny();
        try (Store store = Store.open(storeOptions)) {
            Page<ActivityEvent> events = store.sentinel().activity().page(filter, request);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json.enabled() ? Json.write(ActivityJson.page(events)) + "\n" : text(events));
            out.flush();
        }
        return 0;
    }

    private String text(Page<ActivityEvent> events) {
        if (events.total() == 0) {
            return "No activity of " + passId + " matches.\n";
        }
        String pageLine = "Page " + Figures.count(events.page()) + " of " + Figures.count(events.totalPages());
        if (events.items().isEmpty()) {
            return pageLine + ": no events on this page (" + Figures.count(events.total()) + " in total).\n";
        }
        Table table = Table.withHeader("STARTED AT", "TYPE", "METHOD", "ENDPOINT", "STATUS", "OK", "DURATION", "IP");
        for (ActivityEvent event : events.items()) {
            table.row(event.startedAt(), event.type().code(), event.httpMethod(), shorten(event.endpoint()),
                    event.statusCode(), event.success() ? "✓" : "✗", Figures.millis(event.durationMs()),
                    event.clientIp().orElse(null));
        }
        long first = (long) (events.page() - 1) * events.perPage() + 1;
        return table.render() + pageLine + " · events " + Figures.count(first) + "-"
                + Figures.count(first + events.items().size() - 1) + " of " + (events.totalIsEstimate() ? "about " : "")
                + Figures.count(events.total()) + ", newest first\n";
    }

    private static String shorten(String endpoint) {
        return endpoint.length() <= ENDPOINT_WIDTH ? endpoint : endpoint.substring(0, ENDPOINT_WIDTH - 1) + "…";
    }
}

package dev.sentinel.cli.audit;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel audit list}: one page of the matching entries, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List audit entries, newest first, one page at a time.")
final class AuditListCommand implements Callable<Integer> {

    private static final int DETAIL_WIDTH = 60;

    @Spec
    private CommandSpec spec;

    @Mixin
    AuditFilterOptions filters;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page number, from 1. Default: 1.")
    String page;

    @Option(names = "--per-page", paramLabel = "N", defaultValue = "25",
            description = "Entries per page: 10, 25, 50 or 100. Default: 25.")
    String perPage;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        AuditFilter filter = violations.check(filters::filter);
        PageRequest request = violations.check(() -> ActivityRequests.page(page, perPage));
        violations.throwIfAny();
        Page<AuditRecord> entries;
        try (Store store = Store.open(storeOptions)) {
            entries = store.sentinel().audit().find(Store.PRINCIPAL, filter, request);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("data", entries.items().stream().map(AuditRecords::json).toList());
            document.put("page", entries.page());
            document.put("per_page", entries.perPage());
            document.put("total", entries.total());
            out.println(Json.write(document));
        } else if (entries.total() == 0) {
            out.println("No audit entries match.");
        } else {
            Table table = Table.withHeader("#", "AT (UTC)", "ACTOR", "ACTION", "PROJECT", "PASS", "DETAIL");
            entries.items().forEach(record -> table.row(record.sequence(), Figures.instant(record.entry().at()),
                    record.entry().actor(), record.entry().action(), record.entry().project().orElse(""),
                    record.entry().passId().orElse(""), shorten(record.entry().detail())));
            out.print(table.render());
            out.println("Page " + Figures.count(entries.page()) + " of " + Figures.count(entries.totalPages()) + " · "
                    + Figures.count(entries.total()) + " entries, newest first");
        }
        out.flush();
        return 0;
    }

    private static String shorten(String detail) {
        return detail.length() <= DETAIL_WIDTH ? detail : detail.substring(0, DETAIL_WIDTH - 1) + "…";
    }
}

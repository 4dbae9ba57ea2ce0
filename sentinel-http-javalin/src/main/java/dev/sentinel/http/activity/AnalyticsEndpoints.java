package dev.sentinel.http.activity;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.application.analytics.ExportTooLargeException;
import dev.sentinel.core.application.analytics.UsageRange;
import dev.sentinel.core.application.analytics.UsageService;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.wire.ActivityJson;
import dev.sentinel.core.wire.UsageJson;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.export.ActivityExportWriter;
import dev.sentinel.http.export.ExportFormat;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;

/** The Usage tab of the management API: usage analytics, the activity log and its export (docs/activity.md). */
final class AnalyticsEndpoints {

    private static final Set<String> FILTER_PARAMS = Set.of("type", "status", "endpoint", "start_date", "end_date");
    private static final Set<String> ACTIVITY_PARAMS = union(FILTER_PARAMS, Set.of("page", "per_page"));
    private static final Set<String> EXPORT_PARAMS = union(FILTER_PARAMS, Set.of("format"));

    private final UsageService usage;
    private final ActivityService activity;
    private final Clock clock;

    private final Access access;

    AnalyticsEndpoints(UsageService usage, ActivityService activity, Clock clock, Access access) {
        this.usage = usage;
        this.activity = activity;
        this.clock = clock;
        this.access = access;
    }

    /** {@code GET /api/v1/passes/{passId}/usage?range=24h|7d|30d}. */
    void usage(Context ctx) {
        access.onPass(ctx, AccessAction.READ_PROJECT);
        Violations violations = onlyParams(ctx, Set.of("range"));
        UsageRange range = violations.check(() -> UsageRange.parse(ctx.queryParam("range")));
        violations.throwIfAny();
        Json.reply(ctx, 200, UsageJson.of(usage.usage(Requests.passId(ctx), range)));
    }

    /** {@code GET /api/v1/passes/{passId}/activity} with filters and pagination; newest first. */
    void activity(Context ctx) {
        access.onPass(ctx, AccessAction.READ_PROJECT);
        Violations violations = onlyParams(ctx, ACTIVITY_PARAMS);
        ActivityFilter filter = violations.check(() -> filter(ctx));
        PageRequest request = violations.check(() -> ActivityRequests.page(ctx.queryParam("page"),
                ctx.queryParam("per_page")));
        violations.throwIfAny();
        Page<ActivityEvent> page = activity.page(filter, request);
        Json.reply(ctx, 200, ActivityJson.page(page));
    }

    /**
     * {@code GET /api/v1/passes/{passId}/activity/export?format=json|csv|jsonl} with the same filters, at most
     * {@link ActivityService#EXPORT_LIMIT} records (422 beyond). The file is written as the events are read.
     */
    void export(Context ctx) {
        access.onPass(ctx, AccessAction.EXPORT);
        Violations violations = onlyParams(ctx, EXPORT_PARAMS);
        ExportFormat format = violations.check(() -> ExportFormat.parse(ctx.queryParam("format")));
        ActivityFilter filter = violations.check(() -> filter(ctx));
        violations.throwIfAny();
        String fileName = ActivityExportWriter.fileName(filter.passId().value(), clock.instant(), format);
        LazyExport export = new LazyExport(ctx, format, fileName);
        try {
            activity.export(filter, ActivityService.EXPORT_LIMIT, export::write);
        } catch (ExportTooLargeException tooLarge) {
            throw new HttpProblem(422, tooLarge.getMessage());
        }
        export.finish();
    }

    /**
     * Opens the reply only when the first event arrives (or at the end, for an empty file), so that a refusal
     * before any event is still a clean problem reply.
     */
    private static final class LazyExport {
        private final Context ctx;
        private final ExportFormat format;
        private final String fileName;
        private ActivityExportWriter writer;

        LazyExport(Context ctx, ExportFormat format, String fileName) {
            this.ctx = ctx;
            this.format = format;
            this.fileName = fileName;
        }

        void write(ActivityEvent event) {
            open().write(event);
        }

        void finish() {
            open().close();
        }

        private ActivityExportWriter open() {
            if (writer == null) {
                ctx.status(200).contentType(format.contentType())
                        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                        .header("Cache-Control", "no-store")
                        .header("X-Content-Type-Options", "nosniff");
                writer = new ActivityExportWriter(format, ctx.outputStream());
            }
            return writer;
        }
    }

    private static ActivityFilter filter(Context ctx) {
        return ActivityRequests.filter(Requests.passId(ctx), ctx.queryParam("type"), ctx.queryParam("status"),
                ctx.queryParam("endpoint"), ctx.queryParam("start_date"), ctx.queryParam("end_date"));
    }

    /**
     * Unknown query parameters are broken rules listing the known ones, so a typo never silently widens a query; the
     * caller adds the rules of the known ones and reports them all at once.
     */
    private static Violations onlyParams(Context ctx, Set<String> known) {
        Violations violations = new Violations();
        ctx.queryParamMap().keySet().stream().filter(name -> !known.contains(name)).sorted().forEach(name ->
                violations.add(name, "is not a known parameter; use " + String.join(", ", known.stream().sorted().toList())));
        return violations;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        java.util.Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}

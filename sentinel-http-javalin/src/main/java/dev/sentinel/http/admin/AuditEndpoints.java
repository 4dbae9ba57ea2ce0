package dev.sentinel.http.admin;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.application.analytics.ExportTooLargeException;
import dev.sentinel.core.application.audit.AuditService;
import dev.sentinel.core.application.audit.AuditVerification;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.export.ActivityExportWriter;
import dev.sentinel.http.export.ExportFormat;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit trail over HTTP: {@code GET /api/v1/audit} (filters and pages like the activity log, newest first),
 * {@code GET /api/v1/audit/export} (json, csv, jsonl; at most {@value AuditService#MAX_EXPORT} entries, oldest first)
 * and {@code GET /api/v1/audit/verify} (owners). Owners see every entry; anyone else the entries of their projects.
 */
final class AuditEndpoints {

    /** The fields of one entry, in this order (the CSV columns). */
    static final List<String> FIELDS = List.of("sequence", "at", "actor", "action", "project", "pass_id", "detail");
    private static final Set<String> FILTER_PARAMS = Set.of("actor", "action", "project", "pass_id", "start_date",
            "end_date");
    private static final DateTimeFormatter FILE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditService audit;
    private final Clock clock;

    AuditEndpoints(AuditService audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void list(Context ctx) {
        Principal caller = Callers.of(ctx);
        Violations violations = onlyParams(ctx, union(FILTER_PARAMS, Set.of("page", "per_page")));
        AuditFilter filter = violations.check(() -> filter(ctx));
        PageRequest request = violations.check(() -> ActivityRequests.page(ctx.queryParam("page"),
                ctx.queryParam("per_page")));
        violations.throwIfAny();
        Page<AuditRecord> page = audit.find(caller, filter, request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(AuditEndpoints::entry).toList());
        json.put("page", page.page());
        json.put("per_page", page.perPage());
        json.put("total", page.total());
        json.put("total_pages", page.totalPages());
        json.put("total_is_estimate", page.totalIsEstimate());
        Json.reply(ctx, 200, json);
    }

    void export(Context ctx) {
        Principal caller = Callers.of(ctx);
        Violations violations = onlyParams(ctx, union(FILTER_PARAMS, Set.of("format")));
        ExportFormat format = violations.check(() -> ExportFormat.parse(ctx.queryParam("format")));
        AuditFilter filter = violations.check(() -> filter(ctx));
        violations.throwIfAny();
        String fileName = "sentinel-audit-" + FILE_TIMESTAMP.format(clock.instant()) + "." + format.code();
        ActivityExportWriter[] writer = new ActivityExportWriter[1];
        try {
            audit.export(caller, filter, record -> {
                if (writer[0] == null) {
                    writer[0] = open(ctx, format, fileName);
                }
                writer[0].write(entry(record));
            });
        } catch (ExportTooLargeException tooLarge) {
            throw new HttpProblem(422, tooLarge.getMessage());
        }
        (writer[0] == null ? open(ctx, format, fileName) : writer[0]).close();
    }

    void verify(Context ctx) {
        Access.serverWide(ctx, AccessAction.READ_AUDIT);
        AuditVerification result;
        try {
            result = audit.verify();
        } catch (IllegalStateException noKey) {
            throw new HttpProblem(409, "the audit trail cannot be verified: " + noKey.getMessage());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", result.intact());
        json.put("verified", result.verified());
        json.put("before_chain", result.beforeChain());
        json.put("head_sequence", result.headSequence());
        json.put("checkpoint", result.checkpoint().map(point -> point.sequence()).orElse(null));
        json.put("first_break", result.firstBreak().map(found -> {
            Map<String, Object> broken = new LinkedHashMap<>();
            broken.put("position", found.position());
            broken.put("reason", found.reason().name().toLowerCase(java.util.Locale.ROOT));
            broken.put("description", found.description());
            return broken;
        }).orElse(null));
        Json.reply(ctx, 200, json);
    }

    private static ActivityExportWriter open(Context ctx, ExportFormat format, String fileName) {
        ctx.status(200).contentType(format.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        return new ActivityExportWriter(format, ctx.outputStream(), FIELDS);
    }

    static Map<String, Object> entry(AuditRecord record) {
        AuditEntry entry = record.entry();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", record.sequence());
        json.put("at", Timestamps.format(entry.at()));
        json.put("actor", entry.actor());
        json.put("action", entry.action());
        json.put("project", entry.project().orElse(null));
        json.put("pass_id", entry.passId().orElse(null));
        json.put("detail", entry.detail());
        return json;
    }

    private static AuditFilter filter(Context ctx) {
        Violations violations = new Violations();
        Optional<Instant> start = violations.check(() -> ActivityRequests.instant("start_date",
                ctx.queryParam("start_date"), false));
        Optional<Instant> end = violations.check(() -> ActivityRequests.instant("end_date",
                ctx.queryParam("end_date"), true));
        for (String text : List.of("actor", "action", "project", "pass_id")) {
            String value = ctx.queryParam(text);
            if (value != null && value.length() > 200) {
                violations.add(text, "must be at most 200 characters");
            }
        }
        violations.throwIfAny();
        AuditFilter filter = AuditFilter.all().between(start, end);
        filter = given(ctx, "actor").map(filter::withActor).orElse(filter);
        filter = given(ctx, "action").map(filter::withAction).orElse(filter);
        filter = given(ctx, "project").map(filter::withProject).orElse(filter);
        return given(ctx, "pass_id").map(filter::withPassId).orElse(filter);
    }

    private static Optional<String> given(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Violations onlyParams(Context ctx, Set<String> known) {
        Violations violations = new Violations();
        ctx.queryParamMap().keySet().stream().filter(name -> !known.contains(name)).sorted().forEach(name ->
                violations.add(name, "is not a known parameter; use " + String.join(", ", new TreeSet<>(known))));
        return violations;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}

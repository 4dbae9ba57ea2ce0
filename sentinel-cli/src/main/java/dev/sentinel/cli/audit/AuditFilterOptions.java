package dev.sentinel.cli.audit;

import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.audit.AuditFilter;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The filters of {@code audit list} and {@code audit export}: each given one must hold. */
final class AuditFilterOptions {

    @Option(names = "--actor", paramLabel = "NAME",
            description = "Entries by this actor: an email, an access key's name, cli:<OS user>, sentinel-server.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Entries of this action, e.g. pass.revoke.")
    String action;

    @Option(names = "--project", paramLabel = "NAME", description = "Entries of this project.")
    String project;

    @Option(names = "--pass-id", paramLabel = "PASS_ID", description = "Entries about this pass.")
    String passId;

    @Option(names = "--start-date", paramLabel = "DATE",
            description = "From this ISO date (2026-11-26, UTC) or date-time (2026-11-26T10:00:00Z), inclusive.")
    String startDate;

    @Option(names = "--end-date", paramLabel = "DATE",
            description = "Up to this ISO date (the whole UTC day) or date-time, inclusive.")
    String endDate;

    /** The filter; a validation error names each bad field. */
    AuditFilter filter() {
        Violations violations = new Violations();
        Optional<Instant> from = violations.check(() -> ActivityRequests.dateOrTime(ActivityRequests.START_FIELD,
                startDate, false));
        Optional<Instant> until = violations.check(() -> ActivityRequests.dateOrTime(ActivityRequests.END_FIELD,
                endDate, true));
        violations.throwIfAny();
        AuditFilter filter = AuditFilter.all().between(from, until);
        filter = given(actor) ? filter.withActor(actor.strip()) : filter;
        filter = given(action) ? filter.withAction(action.strip()) : filter;
        filter = given(project) ? filter.withProject(project.strip()) : filter;
        return given(passId) ? filter.withPassId(passId.strip()) : filter;
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}

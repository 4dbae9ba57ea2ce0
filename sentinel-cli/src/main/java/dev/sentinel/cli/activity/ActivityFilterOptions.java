package dev.sentinel.cli.activity;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.core.application.analytics.ActivityRequests;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import picocli.CommandLine.Option;

/**
 * The filters of the activity log, as in the HTTP API. Values are parsed by core, so a bad one is reported with its
 * field and the allowed values, and every bad one at once.
 */
final class ActivityFilterOptions {

    @Option(names = "--type", paramLabel = "TYPE", completionCandidates = Candidates.ActivityTypes.class,
            description = "Only events of this type: api_request, "
            + "token_generation or error.")
    String type;

    @Option(names = "--status", paramLabel = "STATUS", completionCandidates = Candidates.Statuses.class,
            description = "Only successful or failed events: success or failed.")
    String status;

    @Option(names = "--endpoint", paramLabel = "TEXT",
            description = "Only endpoints containing this text (case-insensitive).")
    String endpoint;

    @Option(names = "--start-date", paramLabel = "DATE",
            description = "From this ISO date (2026-11-26, UTC) or date-time (2026-11-26T10:00:00Z), inclusive.")
    String startDate;

    @Option(names = "--end-date", paramLabel = "DATE",
            description = "Up to this ISO date (the whole UTC day) or date-time, inclusive.")
    String endDate;

    /** The filter for the pass; a validation error names each bad field. */
    ActivityFilter filter(PassId passId) {
        return ActivityRequests.filter(passId, type, status, endpoint, startDate, endDate);
    }
}

package dev.sentinel.http.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.Authorization;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessDeniedException;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.access.Callers;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.wire.ActivityJson;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.problem.Problems;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v1/activity}: batch ingest from remote resource servers. The body is a JSON array of at most
 * {@value #MAX_EVENTS} events (at most {@value #MAX_BODY_BYTES} bytes); each is checked and every error names its
 * index and field ({@code [3].status_code}). The batch is stored in one transaction, events and rollups together,
 * and the reply comes after it committed: all of it is durable, or none of it is stored.
 */
final class IngestEndpoint {

    public static final int MAX_EVENTS = 1_000;
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_REPORTED = 100;

    /** The event types a resource server reports, the only ones an ingest access key may send. */
    static final Set<ActivityType> REPORTED_TYPES = Set.of(ActivityType.API_REQUEST, ActivityType.ERROR);

    private final ActivityIngest ingest;
    private final Authorization authorization;

    IngestEndpoint(ActivityIngest ingest, Authorization authorization) {
        this.ingest = ingest;
        this.authorization = authorization;
    }

    void ingest(Context ctx) {
        Principal caller = Callers.of(ctx);
        boolean scoped = !caller.allProjects();
        if (scoped && caller.projectRoles().values().stream().noneMatch(role -> role == Role.INGEST)) {
            throw new AccessDeniedException(Role.INGEST, "reporting activity");
        }
        if (!Requests.mediaType(ctx).map(Json.JSON::equals).orElse(false)) {
            throw new HttpProblem(415, "the body must be application/json");
        }
        byte[] raw = readLimited(ctx);
        JsonNode body = parse(raw);
        if (!body.isArray()) {
            throw HttpProblem.badRequest("the body must be a JSON array of activity events");
        }
        if (body.size() > MAX_EVENTS) {
            throw HttpProblem.badRequest("a batch holds at most " + MAX_EVENTS + " events (got " + body.size() + ")");
        }
        List<IngestedEvent.Reading> readings = new ArrayList<>(body.size());
        List<FieldViolation> violations = new ArrayList<>();
        // what the caller may not report (422): a pass outside its projects, a type it may not send, a client_ip
        // that is no address; the rest is a malformed batch (400)
        Set<String> refused = new java.util.HashSet<>();
        List<ActivityIngest.EventKey> keys = new ArrayList<>(body.size());
        for (int index = 0; index < body.size(); index++) {
            IngestedEvent.Reading reading = IngestedEvent.read(body.get(index));
            readings.add(reading);
            String prefix = "[" + index + "].";
            reading.violations().forEach(violation -> {
                violations.add(new FieldViolation(prefix + violation.field(), violation.rule()));
                if (violation.rule().equals(IngestedEvent.CLIENT_IP_RULE)) {
                    refused.add(prefix + violation.field());
                }
            });
            Optional<PassId> passId = reading.passId();
            if (scoped && passId.isPresent()
                    && !authorization.decideOnPass(caller, AccessAction.INGEST_ACTIVITY, passId.get()).isAllowed()) {
                // a missing pass and a pass of another project read the same: nothing about other projects leaks
                violations.add(new FieldViolation(prefix + "pass_id", "is not a pass of a project this key reports "
                        + "for (" + caller.projectRoles().keySet().stream().map(ProjectId::value).sorted().toList() + ")"));
                refused.add(prefix + "pass_id");
                passId = Optional.empty();
            }
            if (caller.kind() == Principal.Kind.ACCESS_KEY && !caller.isOwner()) {
                JsonNode type = body.get(index).path("type");
                Optional<ActivityType> parsed = type.isTextual() ? parseType(type.asText()) : Optional.empty();
                if (parsed.isPresent() && !REPORTED_TYPES.contains(parsed.get())) {
                    violations.add(new FieldViolation(prefix + "type", "an ingest key may report api_request and "
                            + "error only (got " + parsed.get().code() + "; the other types are the server's own "
                            + "evidence)"));
                    refused.add(prefix + "type");
                }
            }
            keys.add(new ActivityIngest.EventKey(passId, reading.startedAt()));
        }
        if (!violations.isEmpty()) {
            // the rules core checks against the store and the clock, for what could be read, with the others
            violations.addAll(ingest.check(keys));
            throwIfAny(violations, !refused.isEmpty());
        }
        // evidence keeps its source: each event names who reported it, so it never passes for the server's own
        List<ActivityEvent> events = readings.stream()
                .map(reading -> reading.event().orElseThrow().reportedBy(caller.name())).toList();
        ActivityIngest.Result result;
        try {
            result = ingest.ingest(events, idempotency(ctx, raw));
        } catch (ValidationException invalid) {
            throwIfAny(invalid.violations(), false);
            throw invalid;
        }
        if (result.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        Json.reply(ctx, 200, Map.of("accepted", result.accepted()));
    }

    /**
     * The request's {@code Idempotency-Key}, scoped to the calling token (a digest of it, never the token) and with a
     * digest of the body, so that a retried batch is stored once and a key reused for another body is refused.
     */
    private static Optional<ActivityIngest.Idempotency> idempotency(Context ctx, byte[] body) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return Optional.empty();
        }
        String token = Requests.bearerToken(ctx).orElse("");
        String scope = Hashing.sha256().hashString(token, StandardCharsets.UTF_8).toString().substring(0, 32);
        return Optional.of(new ActivityIngest.Idempotency(scope, key, Hashing.sha256().hashBytes(body).toString()));
    }

    private static Optional<ActivityType> parseType(String raw) {
        try {
            return Optional.of(ActivityType.parse(raw));
        } catch (ValidationException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Every violation in event order (an event's fields in their documented order), the first 100 of them listed; 422
     * when the caller may not report something in the batch, else 400.
     */
    private static void throwIfAny(List<FieldViolation> violations, boolean refusedContent) {
        if (!violations.isEmpty()) {
            List<FieldViolation> ordered = new ArrayList<>(violations);
            ordered.sort(Comparator.comparingInt(IngestEndpoint::eventIndex).thenComparingInt(IngestEndpoint::fieldOrder));
            List<FieldViolation> reported = ordered.size() > MAX_REPORTED ? ordered.subList(0, MAX_REPORTED) : ordered;
            throw new HttpProblem(refusedContent ? 422 : 400, "the batch has " + (refusedContent
                    ? "events this caller may not report" : "invalid events") + " ("
                    + Problems.count(ordered.size(), "problem") + "); nothing was stored", reported);
        }
    }

    private static int eventIndex(FieldViolation violation) {
        return Integer.parseInt(violation.field().substring(1, violation.field().indexOf(']')));
    }

    /** Documented fields in their order, then unknown ones. */
    private static int fieldOrder(FieldViolation violation) {
        int position = ActivityJson.FIELDS.indexOf(violation.field().substring(violation.field().indexOf('.') + 1));
        return position < 0 ? ActivityJson.FIELDS.size() : position;
    }

    private static byte[] readLimited(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw new HttpProblem(413, "the request body is larger than 4 MiB");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new HttpProblem(413, "the request body is larger than 4 MiB");
            }
            return body;
        } catch (IOException unreadable) {
            throw HttpProblem.badRequest("the body could not be read");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.parse(body);
            if (node == null || node.isMissingNode()) {
                throw HttpProblem.badRequest("the body must be a JSON array of activity events");
            }
            return node;
        } catch (Json.MalformedJsonException malformed) {
            throw HttpProblem.badRequest(malformed.getMessage());
        }
    }
}

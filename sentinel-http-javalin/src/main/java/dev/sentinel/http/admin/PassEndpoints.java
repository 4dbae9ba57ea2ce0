package dev.sentinel.http.admin;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.analytics.UsageService;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.PermissionsView;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.in.PassKeysInput;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.PassJson;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pass lifecycle part of the management API (docs/http-api.md). Reading needs the role viewer of the pass's
 * project, changing it admin (owners may do both); every change is audited with the caller's name.
 */
final class PassEndpoints {

    static final Set<String> CREATE_FIELDS = Set.of("agent_name", "agent_type", "description", "pass_id",
            "access_level", "organization", "usage_type", "valid_from", "valid_until", "permissions", "scopes",
            "credential_type", "visibility", "integration_notes", PassKeys.JWKS_URI_FIELD);
    static final Set<String> CREATE_LISTS = Set.of(AllowedNetworks.FIELD, "allowed_audiences");
    /** Fields that hold JSON other than text: the JWK set (an object) and the opt-in (a boolean). */
    static final Set<String> KEY_RAW_FIELDS = Set.of(PassKeys.JWKS_FIELD, PassKeys.ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD);
    /** What {@code PATCH /api/v1/passes/{passId}} may change, in the order its errors name them. */
    static final List<String> PATCHABLE = List.of(AllowedNetworks.FIELD, PassKeys.JWKS_FIELD, PassKeys.JWKS_URI_FIELD,
            PassKeys.ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD);
    static final Set<String> REGENERATE_FIELDS = Set.of("grace_period");
    /** What {@code PATCH /api/v1/passes/{passId}} may change. */
    static final Set<String> PATCH_LISTS = Set.of(AllowedNetworks.FIELD);
    /** The fields of a pass that PATCH cannot change, each with why and what to do instead. */
    static final Map<String, String> IMMUTABLE = immutableFields();

    private final PassService passes;
    private final UsageService usage;
    private final Clock clock;
    private final Access access;

    PassEndpoints(PassService passes, UsageService usage, Clock clock, Access access) {
        this.passes = passes;
        this.usage = usage;
        this.clock = clock;
        this.access = access;
    }

    /** The pass service acting as the caller, once allowed {@code action} on the path's pass. */
    private PassService onPass(Context ctx, AccessAction action) {
        return passes.as(access.onPass(ctx, action).actor());
    }

    void create(Context ctx) {
        Principal caller = Callers.of(ctx);
        if (!caller.isOwner()) {
            // owners may create passes anywhere; their project name is checked with the body, every rule at once
            Access.onProject(ctx, AccessAction.MANAGE_PASSES);
        }
        JsonBodies.Body read = JsonBodies.read(ctx, CREATE_FIELDS, CREATE_LISTS, KEY_RAW_FIELDS, false, Map.of(),
                Map.of(), java.util.Optional.empty());
        Map<String, String> body = read.texts();
        Violations shape = new Violations();
        Boolean accept = acceptField(read, shape);
        CreatePassCommand command = CreatePassCommand.builder(ctx.pathParam("project"))
                .agentName(body.get("agent_name")).agentType(body.get("agent_type"))
                .description(body.get("description")).passId(body.get("pass_id"))
                .accessLevel(body.get("access_level")).organization(body.get("organization"))
                .usageType(body.get("usage_type")).validFrom(body.get("valid_from")).validUntil(body.get("valid_until"))
                .permissions(body.get("permissions")).scopes(body.get("scopes"))
                .credentialType(body.get("credential_type")).visibility(body.get("visibility"))
                .integrationNotes(body.get("integration_notes"))
                .allowedIps(read.lists().get(AllowedNetworks.FIELD))
                .allowedAudiences(read.lists().get("allowed_audiences"))
                .jwks(jwksField(read)).jwksUri(body.get(PassKeys.JWKS_URI_FIELD)).acceptTokenEndpointAudience(accept)
                .build();
        throwWithTheCommandsViolations(shape, command);
        // only an owner creates the project on the way, as the admin token always did; a member's project exists
        CreatedPass created = passes.as(caller.actor()).create(command, caller.isOwner());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("pass", PassJson.pass(created.pass(), clock.instant()));
        reply.put("credentials", PassJson.credentials(created.credentials()));
        noStore(ctx);
        ctx.header("Location", "/api/v1/passes/" + created.pass().passId().value());
        Json.reply(ctx, 201, reply);
    }

    void list(Context ctx) {
        Access.onProject(ctx, AccessAction.READ_PROJECT);
        Instant now = clock.instant();
        List<Map<String, Object>> items = usage.passes(ProjectId.of(ctx.pathParam("project"))).stream()
                .map(pass -> PassJson.listed(pass, now)).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void overview(Context ctx) {
        access.onPass(ctx, AccessAction.READ_PROJECT);
        Json.reply(ctx, 200, PassJson.overview(usage.overview(Requests.passId(ctx)), clock.instant()));
    }

    void delete(Context ctx) {
        onPass(ctx, AccessAction.MANAGE_PASSES).delete(Requests.passId(ctx));
        ctx.status(204);
    }

    void permissions(Context ctx) {
        access.onPass(ctx, AccessAction.READ_PROJECT);
        PassId passId = Requests.passId(ctx);
        SentinelPass pass = passes.get(passId);
        Json.reply(ctx, 200, PassJson.permissions(pass, PermissionsView.of(pass.pass(), clock.instant())));
    }

    void regenerate(Context ctx) {
        PassService acting = onPass(ctx, AccessAction.MANAGE_PASSES);
        Map<String, String> body = JsonBodies.read(ctx, REGENERATE_FIELDS, true);
        PassId passId = Requests.passId(ctx);
        IssuedCredentials issued = acting.regenerate(passId, GracePeriod.parse(body.get("grace_period")));
        SentinelPass pass = passes.get(passId);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("pass", PassJson.pass(pass, clock.instant()));
        reply.put("credentials", PassJson.credentials(issued));
        reply.put("previous_secret_valid_until", Timestamps.formatOrNull(pass.agent().credentials().credentials()
                .stream().skip(1).findFirst().flatMap(previous -> previous.notAfter())));
        noStore(ctx);
        Json.reply(ctx, 200, reply);
    }

    /**
     * Changes what may be changed after create: the networks the pass may be used from ({@code allowed_ips}; null or
     * an empty array means any address), and the keys of a {@code private_key_jwt} pass ({@code jwks} or
     * {@code jwks_uri} replace them, {@code accept_token_endpoint_audience} the opt-in; audited as
     * {@code pass.keys.add}, {@code pass.keys.remove} or {@code pass.keys.replace}).
     */
    void patch(Context ctx) {
        PassService acting = onPass(ctx, AccessAction.MANAGE_PASSES);
        JsonBodies.Body body = JsonBodies.read(ctx, Set.of(PassKeys.JWKS_URI_FIELD), PATCH_LISTS, KEY_RAW_FIELDS, false,
                IMMUTABLE, Map.of(), java.util.Optional.of(new JsonBodies.OneOf(PATCHABLE, "is required unless jwks, "
                        + "jwks_uri or accept_token_endpoint_audience is given: name a field this request changes")));
        PassId passId = Requests.passId(ctx);
        Violations shape = new Violations();
        Boolean accept = acceptField(body, shape);
        shape.throwIfAny();
        java.util.Optional<List<String>> networks = body.given().contains(AllowedNetworks.FIELD)
                ? java.util.Optional.of(body.lists().getOrDefault(AllowedNetworks.FIELD, List.of()))
                : java.util.Optional.empty();
        PassKeysInput keys = new PassKeysInput(jwksField(body), body.texts().get(PassKeys.JWKS_URI_FIELD), accept,
                body.given().contains(PassKeys.JWKS_FIELD) || body.given().contains(PassKeys.JWKS_URI_FIELD));
        // one transaction: networks and keys given together change together, or neither does
        reply(ctx, acting.change(passId, networks, keys.given() ? java.util.Optional.of(keys)
                : java.util.Optional.empty()));
    }

    /** The JWK set as JSON text (whatever JSON was sent: the core names a value that is no JWK set); null if absent. */
    private static String jwksField(JsonBodies.Body body) {
        return java.util.Optional.ofNullable(body.raw().get(PassKeys.JWKS_FIELD)).map(Object::toString).orElse(null);
    }

    private static Boolean acceptField(JsonBodies.Body body, Violations violations) {
        com.fasterxml.jackson.databind.JsonNode value = body.raw().get(PassKeys.ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            violations.add(PassKeys.ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** Throws the body's own violations together with every rule the command breaks, so one reply names them all. */
    private void throwWithTheCommandsViolations(Violations shape, CreatePassCommand command) {
        if (shape.isEmpty()) {
            return;
        }
        List<dev.sentinel.core.domain.FieldViolation> all = new java.util.ArrayList<>(shape.list());
        try {
            command.validate(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        } catch (ValidationException broken) {
            all.addAll(broken.violations());
        }
        throw new ValidationException(all);
    }

    void toggle(Context ctx) {
        reply(ctx, onPass(ctx, AccessAction.MANAGE_PASSES).toggle(Requests.passId(ctx)));
    }

    void revoke(Context ctx) {
        reply(ctx, onPass(ctx, AccessAction.MANAGE_PASSES).revoke(Requests.passId(ctx)));
    }

    void activate(Context ctx) {
        reply(ctx, onPass(ctx, AccessAction.MANAGE_PASSES).activate(Requests.passId(ctx)));
    }

    private void reply(Context ctx, SentinelPass pass) {
        Json.reply(ctx, 200, Map.of("pass", PassJson.pass(pass, clock.instant())));
    }

    /**
     * What is fixed at create (the reference: "delete the existing pass and create a new one"), what the lifecycle
     * endpoints change, and what the server sets.
     */
    private static Map<String, String> immutableFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        java.util.stream.Stream.concat(CREATE_FIELDS.stream(), CREATE_LISTS.stream())
                .filter(field -> !PATCHABLE.contains(field)).sorted()
                .forEach(field -> fields.put(field, "cannot be changed after the pass is created (only "
                        + String.join(", ", PATCHABLE) + " can); to change " + field
                        + ", create a new pass and delete this one"));
        for (String state : List.of("status", "state", "revoked")) {
            fields.put(state, "cannot be changed with PATCH; use POST /api/v1/passes/{passId}/toggle, /revoke or /activate");
        }
        for (String serverSet : List.of("client_id", "project", "validity_state", "created_at", "updated_at")) {
            fields.put(serverSet, "cannot be changed: the server sets it");
        }
        fields.put("client_secret", "cannot be changed with PATCH; use POST /api/v1/passes/{passId}/credentials/regenerate");
        fields.put("key_thumbprints", "cannot be changed: the server computes them from the keys (change jwks instead)");
        return Map.copyOf(fields);
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }
}

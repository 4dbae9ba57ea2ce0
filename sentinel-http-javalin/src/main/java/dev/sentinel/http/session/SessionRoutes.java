package dev.sentinel.http.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.ActiveSession;
import dev.sentinel.core.application.access.RecoveryCodes;
import dev.sentinel.core.application.access.SignInOutcome;
import dev.sentinel.core.application.access.SignInRequest;
import dev.sentinel.core.application.access.StartedSession;
import dev.sentinel.core.application.access.TotpSetup;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import dev.sentinel.http.web.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in for scripts and the dashboard alike: {@code POST /api/v1/session} (email, password, TOTP or recovery code)
 * sets the session cookie; {@code GET} says who is signed in with the session's CSRF token; {@code DELETE} signs out;
 * {@code GET /list} lists one's sessions, {@code DELETE /list/{id}} ends one, {@code DELETE /all} ends every one; TOTP
 * enrolment ({@code POST /totp}, then {@code POST /totp/confirm}) for the signed-in account.
 */
public final class SessionRoutes {

    public static final String PATH = "/api/v1/session";
    public static final String TOTP = PATH + "/totp";
    private static final String REFUSED = "the email, password or code is wrong";

    private final SentinelNode node;

    private SessionRoutes(SentinelNode node) {
        this.node = node;
    }

    /** The gate before every {@code /api/v1/*} route: install it before the management API's guard. */
    public static void gate(io.javalin.config.RoutesConfig config, SentinelNode node) {
        config.before(SessionGate.httpsMarker(node));
        config.before("/api/v1/*", new SessionGate(node));
    }

    public static void install(Routes routes, SentinelNode node) {
        SessionRoutes session = new SessionRoutes(node);
        routes.post(PATH, session::signIn);
        routes.get(PATH, session::whoAmI);
        routes.delete(PATH, session::signOut);
        routes.get(PATH + "/list", session::list);
        routes.delete(PATH + "/list/{sessionId}", session::endOne);
        routes.delete(PATH + "/all", session::signOutEverywhere);
        routes.post(TOTP, session::beginTotp);
        routes.post(TOTP + "/confirm", session::confirmTotp);
    }

    private void signIn(Context ctx) {
        Map<String, String> body = body(ctx, Set.of("email", "password", "totp"));
        String password = body.get("password");
        SignInRequest request = new SignInRequest(body.get("email"), password == null ? null : password.toCharArray(),
                Optional.ofNullable(body.get("totp")), Requests.clientIp(ctx), Requests.userAgent(ctx));
        SignInOutcome outcome = node.signIn().signIn(request);
        ctx.header("Cache-Control", "no-store");
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            StartedSession started = signedIn.session();
            SessionCookies.set(ctx, started);
            Map<String, Object> reply = signedIn(started.principal(), started.csrfToken(), started.session());
            reply.put("enrolment_required", signedIn.enrolmentRequired());
            Json.reply(ctx, 200, reply);
        } else if (outcome instanceof SignInOutcome.CodeNeeded) {
            throw new HttpProblem(401, "this account has a second factor: send totp, the authenticator app's code or "
                    + "one of the recovery codes", List.of(new FieldViolation("totp", "is required for this account")));
        } else if (outcome instanceof SignInOutcome.Throttled throttled) {
            long seconds = OAuthException.retryAfterSeconds(throttled.retryAfter());
            ctx.header("Retry-After", Long.toString(seconds));
            throw new HttpProblem(429, "too many failed sign-ins; retry after " + seconds + " s");
        } else {
            throw new HttpProblem(401, REFUSED);
        }
    }

    private void whoAmI(Context ctx) {
        ActiveSession session = session(ctx);
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> reply = signedIn(session.principal(), session.csrfToken(), session.session());
        reply.put("enrolment_required", session.enrolmentOnly());
        Json.reply(ctx, 200, reply);
    }

    private void signOut(Context ctx) {
        session(ctx);
        node.sessions().end(ctx.attribute(SessionGate.COOKIE_VALUE));
        SessionCookies.clear(ctx);
        ctx.status(204);
    }

    private void list(Context ctx) {
        ActiveSession current = session(ctx);
        List<Map<String, Object>> items = new ArrayList<>();
        for (SignInSession session : node.sessions().list(account(current))) {
            Map<String, Object> item = describe(session);
            item.put("current", session.id().equals(current.session().id()));
            items.add(item);
        }
        ctx.header("Cache-Control", "no-store");
        Json.reply(ctx, 200, Map.of("items", items));
    }

    private void endOne(Context ctx) {
        ActiveSession current = session(ctx);
        if (!node.sessions().end(account(current), ctx.pathParam("sessionId"))) {
            throw new HttpProblem(404, "you have no session " + ctx.pathParam("sessionId"));
        }
        if (current.session().id().equals(ctx.pathParam("sessionId"))) {
            SessionCookies.clear(ctx);
        }
        ctx.status(204);
    }

    private void signOutEverywhere(Context ctx) {
        ActiveSession current = session(ctx);
        int ended = node.sessions().endAll(account(current));
        SessionCookies.clear(ctx);
        Json.reply(ctx, 200, Map.of("ended", ended));
    }

    private void beginTotp(Context ctx) {
        ActiveSession current = session(ctx);
        body(ctx, Set.of());
        TotpSetup setup = node.accounts().as(current.principal().actor()).beginTotp(account(current));
        ctx.header("Cache-Control", "no-store");
        Json.reply(ctx, 200, Map.of("secret", setup.secret(), "otpauth_uri", setup.uri()));
    }

    private void confirmTotp(Context ctx) {
        ActiveSession current = session(ctx);
        Map<String, String> body = body(ctx, Set.of("code"));
        RecoveryCodes codes = node.accounts().as(current.principal().actor()).confirmTotp(account(current),
                body.getOrDefault("code", ""));
        node.sessions().unrestrict(ctx.attribute(SessionGate.COOKIE_VALUE));
        ctx.header("Cache-Control", "no-store");
        Json.reply(ctx, 200, Map.of("recovery_codes", codes.codes()));
    }

    private static ActiveSession session(Context ctx) {
        ActiveSession session = ctx.attribute(SessionGate.SESSION);
        if (session == null) {
            throw new HttpProblem(401, "nobody is signed in: POST " + PATH + " with email and password");
        }
        return session;
    }

    private static AccountId account(ActiveSession session) {
        return session.principal().account().orElseThrow();
    }

    private Map<String, Object> signedIn(Principal principal, String csrfToken, SignInSession session) {
        Account account = node.accounts().find(principal.account().orElseThrow()).orElseThrow(() ->
                new HttpProblem(401, "the account is gone"));
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("id", account.id().value());
        who.put("email", account.email().value());
        who.put("display_name", account.displayName());
        who.put("totp_enrolled", account.hasTotp());
        List<Map<String, String>> roles = new ArrayList<>();
        if (principal.isOwner()) {
            roles.add(Map.of("role", "owner"));
        }
        principal.projectRoles().forEach((project, role) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("role", role.code());
            entry.put("project", project.value());
            roles.add(entry);
        });
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("account", who);
        reply.put("roles", roles);
        reply.put("csrf_token", csrfToken);
        reply.put("csrf_header", SessionGate.CSRF_HEADER);
        Map<String, Object> described = describe(session);
        described.put("idle_expires_at", session.lastSeenAt().plus(node.sessions().limits().idle()).toString());
        described.put("expires_at", session.createdAt().plus(node.sessions().limits().absolute()).toString());
        reply.put("session", described);
        return reply;
    }

    private static Map<String, Object> describe(SignInSession session) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", session.id());
        item.put("created_at", session.createdAt().toString());
        item.put("last_seen_at", session.lastSeenAt().toString());
        item.put("method", session.method());
        item.put("address", session.address().orElse(null));
        item.put("user_agent", session.userAgent().orElse(null));
        return item;
    }

    /** The JSON object body's string fields; unknown fields and non-strings are named, all at once. */
    private static Map<String, String> body(Context ctx, Set<String> allowed) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) {
            return Map.of();
        }
        if (!Requests.mediaType(ctx).map(Json.JSON::equals).orElse(false)) {
            throw new HttpProblem(415, "the body must be application/json");
        }
        JsonNode node;
        try {
            node = Json.parse(raw);
        } catch (Json.MalformedJsonException malformed) {
            throw HttpProblem.badRequest(malformed.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!allowed.contains(field.getKey())) {
                violations.add(new FieldViolation(field.getKey(), "is not a known field"));
            } else if (field.getValue().isTextual()) {
                fields.put(field.getKey(), field.getValue().asText());
            } else if (!field.getValue().isNull()) {
                violations.add(new FieldViolation(field.getKey(), "must be a string"));
            }
        }
        if (!violations.isEmpty()) {
            throw new HttpProblem(400, "the request has invalid fields", violations);
        }
        return fields;
    }
}

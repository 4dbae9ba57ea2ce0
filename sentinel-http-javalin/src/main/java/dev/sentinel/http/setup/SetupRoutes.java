package dev.sentinel.http.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.SetupLinkService;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one-time set-up page and its endpoints: {@code GET /setup} (a small standalone page; the token stays in the URL
 * fragment, which browsers never send, so it reaches no log), {@code POST /api/v1/setup/check} {@code {"token"}}
 * (what the link sets up) and {@code POST /api/v1/setup} {@code {"token","email","password","display_name"}}
 * ({@code email} only for the first-run link, which creates the owner). The management API's guard lets
 * {@code /api/v1/setup*} through: these handlers check the token.
 */
public final class SetupRoutes {

    public static final String PAGE_PATH = "/setup";
    /** The page's policy: its own script only, requests to this origin only, nothing framed, no forms posted. */
    static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Set<String> FIELDS = Set.of("token", "email", "password", "display_name");
    private static final byte[] PAGE = resource("setup.html");
    private static final byte[] SCRIPT = resource("setup.js");
    private static final byte[] STYLE = resource("setup.css");

    private SetupRoutes() {
    }

    /** The page and its files: pages, like the dashboard's, outside the API (and its document). */
    public static void installPage(RoutesConfig config) {
        config.get(PAGE_PATH, ctx -> serve(ctx, "text/html; charset=utf-8", PAGE));
        config.get(PAGE_PATH + "/setup.js", ctx -> serve(ctx, "text/javascript; charset=utf-8", SCRIPT));
        config.get(PAGE_PATH + "/setup.css", ctx -> serve(ctx, "text/css; charset=utf-8", STYLE));
    }

    /** The API endpoints the page posts to. */
    public static void install(Routes routes, SentinelNode node) {
        SetupLinkService links = node.setupLinks();
        routes.post("/api/v1/setup/check", ctx -> check(ctx, links));
        routes.post("/api/v1/setup", ctx -> complete(ctx, links));
    }

    private static void serve(Context ctx, String type, byte[] body) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", PAGE_CSP);
        ctx.contentType(type).result(body);
    }

    private static void check(Context ctx, SetupLinkService links) {
        Map<String, String> body = body(ctx);
        SetupLinkService.Pending pending = links.check(body.get("token")).orElseThrow(() -> ValidationException.of(
                SetupLinkService.TOKEN_FIELD, "is not a usable set-up link: it is unknown, used already or older than "
                        + SetupLinkService.VALIDITY.toHours() + " hours; ask for a new one"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("first_owner", pending.email().isEmpty());
        reply.put("email", pending.email().map(Email::value).orElse(null));
        ctx.header("Cache-Control", "no-store");
        Json.reply(ctx, 200, reply);
    }

    private static void complete(Context ctx, SetupLinkService links) {
        Map<String, String> body = body(ctx);
        String password = body.get("password");
        char[] chars = password == null ? new char[0] : password.toCharArray();
        try {
            Account account = links.complete(body.get("token"), body.get("email"), chars, body.get("display_name"));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("email", account.email().value());
            reply.put("display_name", account.displayName());
            reply.put("owner", account.owner());
            reply.put("sign_in", "/");
            ctx.header("Cache-Control", "no-store");
            Json.reply(ctx, 200, reply);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The JSON object's string members; anything else (unknown members, non-strings) is named at once. */
    private static Map<String, String> body(Context ctx) {
        JsonNode root;
        try {
            root = Json.parse(ctx.bodyAsBytes());
        } catch (Json.MalformedJsonException malformed) {
            throw new HttpProblem(400, "the body is not JSON: " + malformed.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new HttpProblem(400, "the body must be a JSON object");
        }
        Violations violations = new Violations();
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> members = root.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!FIELDS.contains(member.getKey())) {
                violations.add(member.getKey(), "is not a field of a set-up (token, email, password, display_name)");
            } else if (!member.getValue().isTextual() && !member.getValue().isNull()) {
                violations.add(member.getKey(), "must be a string");
            } else if (member.getValue().isTextual()) {
                values.put(member.getKey(), member.getValue().textValue());
            }
        }
        violations.throwIfAny();
        return values;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SetupRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the set-up page resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}

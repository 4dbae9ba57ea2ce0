package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, read strictly: a repeated parameter is an
 * {@code invalid_request} (RFC 6749 §3.2) except {@code resource}, which RFC 8707 lets a client repeat, and a
 * parameter without a value counts as absent (§3.1).
 */
final class FormBody {

    /** The parameters that may be given more than once. */
    private static final Set<String> REPEATABLE = Set.of("resource");

    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;

    private FormBody(Map<String, String> values, Map<String, List<String>> repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    static FormBody parse(Context ctx) {
        if (!Requests.mediaType(ctx).map("application/x-www-form-urlencoded"::equals).orElse(false)) {
            throw OAuthException.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        String body = ctx.body();
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        if (body.isEmpty()) {
            return new FormBody(values, repeated);
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (REPEATABLE.contains(name)) {
                repeated.computeIfAbsent(name, any -> new ArrayList<>()).add(value);
            } else if (values.putIfAbsent(name, value) != null) {
                throw OAuthException.invalidRequest("the parameter " + printable(name) + " is repeated");
            }
        }
        return new FormBody(values, repeated);
    }

    /** Every value of a repeatable parameter, in order; an empty value is an {@code invalid_request}. */
    List<String> all(String name) {
        List<String> given = repeated.getOrDefault(name, List.of());
        if (given.contains("")) {
            throw OAuthException.invalidRequest("the parameter " + name + " has an empty value");
        }
        return List.copyOf(given);
    }

    /** Every single-valued parameter as sent; one sent without a value has an empty one. */
    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Whether the parameter was sent at all, with or without a value. */
    boolean has(String name) {
        return values.containsKey(name) || repeated.containsKey(name);
    }

    /** The parameter's value; empty when absent or without a value. */
    Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    String require(String name) {
        return get(name).orElseThrow(() -> OAuthException.invalidRequest("the parameter " + name + " is required"));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw OAuthException.invalidRequest("the body is not valid form encoding");
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^A-Za-z0-9_.:-]", "?");
    }
}

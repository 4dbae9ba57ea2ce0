package dev.sentinel.http.oauth;

import dev.sentinel.core.port.in.IntrospectionRequest;
import dev.sentinel.core.port.in.RequestOrigin;
import dev.sentinel.core.port.in.RevocationRequest;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an OAuth endpoint's HTTP request into the one value its use case takes. What is wrong with the HTTP itself —
 * not a form body, a repeated parameter, a missing {@code grant_type}, two client authentication methods — is
 * refused here ({@code invalid_request}, or {@code invalid_client} for a malformed {@code Authorization} header);
 * everything else is the use case's to judge.
 */
final class OAuthRequests {

    private OAuthRequests() {
    }

    static TokenRequest token(Context ctx, long startNanos) {
        FormBody form = FormBody.parse(ctx);
        String grantType = form.require("grant_type");
        Map<String, String> parameters = new LinkedHashMap<>(form.values());
        // client_id stays: the federated grants may name their pass with it alone
        parameters.keySet().removeAll(java.util.Set.of("grant_type", "client_secret", "client_assertion",
                "client_assertion_type"));
        List<String> resources = form.all("resource");
        return new TokenRequest(grantType, ClientCredentials.client(ctx, form), resources, parameters,
                origin(ctx, startNanos));
    }

    static IntrospectionRequest introspection(Context ctx, long startNanos) {
        FormBody form = FormBody.parse(ctx);
        return new IntrospectionRequest(ClientCredentials.caller(ctx, form), form.get("token"), origin(ctx, startNanos));
    }

    static RevocationRequest revocation(Context ctx, long startNanos) {
        FormBody form = FormBody.parse(ctx);
        return new RevocationRequest(ClientCredentials.caller(ctx, form), form.get("token"), origin(ctx, startNanos));
    }

    private static RequestOrigin origin(Context ctx, long startNanos) {
        return new RequestOrigin(ctx.path(), Requests.clientIp(ctx), Requests.userAgent(ctx), startNanos);
    }
}

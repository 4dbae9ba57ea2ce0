package dev.sentinel.cli.pass;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.application.PassKeySets;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.fetch.PublicJwks;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The keys of a pass, as JSON or a table: kid, algorithm, key type and RFC 7638 thumbprint. Public parts only. */
final class KeyViews {

    private KeyViews() {
    }

    static Map<String, Object> json(SentinelPass pass) {
        PassKeys keys = pass.pass().keys();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass_id", pass.passId().value());
        json.put("credential_type", pass.pass().credentialType().code());
        keys.jwksUri().ifPresent(uri -> json.put("jwks_uri", uri.toString()));
        json.put("accept_token_endpoint_audience", keys.acceptTokenEndpointAudience());
        json.put("keys", PassKeySets.inline(keys).stream().map(KeyViews::key).toList());
        return json;
    }

    static void print(PrintWriter out, SentinelPass pass, boolean asJson) {
        if (asJson) {
            out.println(Json.write(json(pass)));
            return;
        }
        PassKeys keys = pass.pass().keys();
        if (!pass.pass().credentialType().usesKeys()) {
            out.println("Pass " + pass.passId() + " authenticates with a client secret (credential type "
                    + pass.pass().credentialType().code() + "): it has no keys.");
            return;
        }
        if (keys.jwksUri().isPresent()) {
            out.println("Pass " + pass.passId() + " takes its keys from " + keys.jwksUri().get() + ".");
        } else {
            List<JWK> inline = PassKeySets.inline(keys);
            Table table = Table.withHeader("KID", "ALG", "TYPE", "THUMBPRINT (SHA-256)");
            inline.forEach(key -> table.row(key.getKeyID() == null ? "-" : key.getKeyID(),
                    key.getAlgorithm() == null ? "-" : key.getAlgorithm().getName(), type(key), PublicJwks.thumbprint(key)));
            out.print(table.render());
        }
        out.println("Token endpoint URL as audience: " + (keys.acceptTokenEndpointAudience() ? "accepted" : "refused")
                + " (the issuer always is).");
    }

    private static Map<String, Object> key(JWK jwk) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kid", jwk.getKeyID());
        key.put("alg", jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName());
        key.put("kty", jwk.getKeyType().getValue());
        key.put("thumbprint", PublicJwks.thumbprint(jwk));
        return key;
    }

    private static String type(JWK key) {
        Object curve = key.toJSONObject().get("crv");
        return key.getKeyType().getValue() + (curve == null ? " " + key.size() : " " + curve);
    }
}

package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.in.Principal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key fields of a pass over the management API: private parts, short RSA keys and symmetric keys are refused with
 * every broken rule named and nothing stored; a key pass has no secret to regenerate; keys are added, replaced and
 * removed with {@code PATCH}, each change audited, and a removed key stops working at once.
 */
class PassKeysApiTest {

    private final ServerFixture fixture = new ServerFixture();
    private final KeyPasses passes = new KeyPasses(fixture);

    @AfterEach
    void stop() {
        fixture.close();
    }

    private int storedPasses() {
        return fixture.storage.read(session -> session.passes().listByProject(dev.sentinel.core.domain.ProjectId.of("demo")).size());
    }

    private static List<String> fields(HttpResponse<String> reply) throws Exception {
        return KeyPasses.JSON.readTree(reply.body()).path("errors").findValuesAsText("field");
    }

    @Test
    void privatePartsShortRsaKeysAndSymmetricKeysAreRefusedAllAtOnceAndNothingIsStored() throws Exception {
        ECKey privateEc = new ECKeyGenerator(Curve.P_256).keyID("private").generate();
        ClientKey shortRsa = ClientKey.rsa(JWSAlgorithm.RS256, "short", 1024);
        Map<String, Object> oct = new OctetSequenceKeyGenerator(256).keyID("oct").generate().toJSONObject();
        int before = storedPasses();

        HttpResponse<String> refused = passes.post(Map.of("jwks", Map.of("keys", List.of(privateEc.toJSONObject(),
                shortRsa.publicJwk().toJSONObject(), oct)), "agent_name", ""));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).contains("jwks.keys[0]", "jwks.keys[1]", "jwks.keys[2]", "agent_name");
        assertThat(refused.body()).contains("must be a public key: it carries the private member d; nothing was stored")
                .contains("at least 2048 bits (it has 1024)")
                .doesNotContain(privateEc.getD().toString());
        assertThat(storedPasses()).isEqualTo(before);
        assertThat(fixture.sentinel.audit().find(Principal.adminToken(), AuditFilter.all().withAction("pass.create"),
                new PageRequest(1, 10)).items()).isEmpty();
    }

    @Test
    void aKeyPassHasNoSecretToRegenerate() throws Exception {
        KeyPasses.KeyPass pass = passes.create(ClientKey.es256("k"));

        HttpResponse<String> regenerate = passes.json("POST", "/api/v1/passes/" + pass.passId()
                + "/credentials/regenerate", Map.of());

        assertThat(regenerate.statusCode()).as(regenerate.body()).isEqualTo(409);
        assertThat(regenerate.body()).contains("credential_type").doesNotContain("client_secret\":\"");
    }

    @Test
    void keysAreAddedReplacedAndRemovedWithPatchEachAuditedAndARemovedKeyStopsWorking() throws Exception {
        ClientKey first = ClientKey.es256("first");
        ClientKey second = ClientKey.ed25519("second");
        KeyPasses.KeyPass pass = passes.create(first);
        String path = "/api/v1/passes/" + pass.passId();

        HttpResponse<String> added = passes.json("PATCH", path, Map.of("jwks", Map.of("keys", List.of(
                first.publicJwk().toJSONObject(), second.publicJwk().toJSONObject()))));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode thumbprints = KeyPasses.JSON.readTree(added.body()).path("pass").path("key_thumbprints");
        assertThat(thumbprints).hasSize(2);
        assertThat(grant(pass, second)).isEqualTo(200);

        HttpResponse<String> removed = passes.json("PATCH", path, Map.of("jwks", second.jwks()));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(grant(pass, first)).as("the removed key, at once").isEqualTo(401);
        assertThat(grant(pass, second)).isEqualTo(200);

        ClientKey third = ClientKey.es256("third");
        assertThat(passes.json("PATCH", path, Map.of("jwks", third.jwks(), "accept_token_endpoint_audience", true))
                .statusCode()).isEqualTo(200);
        assertThat(grant(pass, second)).isEqualTo(401);
        assertThat(grant(pass, third)).isEqualTo(200);

        for (String action : List.of("pass.keys.add", "pass.keys.remove", "pass.keys.replace")) {
            List<AuditRecord> entries = fixture.sentinel.audit().find(Principal.adminToken(), AuditFilter.all()
                    .withAction(action), new PageRequest(1, 10)).items();
            assertThat(entries).as(action).hasSize(1);
        }
        HttpResponse<String> cleared = passes.json("PATCH", path, java.util.Collections.singletonMap("jwks", null));
        assertThat(cleared.statusCode()).isEqualTo(400);
        assertThat(fields(cleared)).containsExactly("jwks");
    }

    private int grant(KeyPasses.KeyPass pass, ClientKey key) {
        return passes.grant(key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), fixture.clock.instant())
                .build(), true)).statusCode();
    }
}

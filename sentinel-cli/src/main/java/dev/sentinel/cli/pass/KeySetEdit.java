package dev.sentinel.cli.pass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.fetch.PublicJwks;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One more or one fewer key in the inline JWK set of a pass, computed here from the stored set and sent as the whole
 * new set (as {@code PATCH /api/v1/passes/{id}} with {@code jwks} does): the server audits it as an addition or a
 * removal by the thumbprints that differ. Keys are told apart by their RFC 7638 thumbprint.
 */
final class KeySetEdit {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KeySetEdit() {
    }

    /** The stored set with the keys of {@code added} (a JWK set text) after it; a key already there is refused. */
    static String add(SentinelPass pass, String added) {
        ArrayNode keys = inline(pass, "add");
        List<String> present = new ArrayList<>();
        keys.forEach(key -> present.add(thumbprint(key)));
        List<String> again = new ArrayList<>();
        for (JsonNode key : read(added)) {
            String print = thumbprint(key);
            if (present.contains(print)) {
                again.add(print);
            } else {
                present.add(print);
                keys.add(key);
            }
        }
        if (!again.isEmpty()) {
            throw new CommandFailedException("pass " + pass.passId() + " has this key already (thumbprint "
                    + String.join(", ", again) + "): nothing was changed");
        }
        return set(keys);
    }

    /**
     * The stored set without the one key whose {@code kid} (or thumbprint, with {@code byThumbprint}) is {@code id};
     * refused when no key or several match, and for the last key.
     */
    static String remove(SentinelPass pass, String id, boolean byThumbprint) {
        ArrayNode keys = inline(pass, "remove");
        Predicate<JsonNode> matches = byThumbprint ? key -> thumbprint(key).equals(id)
                : key -> key.hasNonNull("kid") && key.get("kid").asText().equals(id);
        List<Integer> found = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (int index = 0; index < keys.size(); index++) {
            JsonNode key = keys.get(index);
            known.add(byThumbprint ? thumbprint(key) : key.hasNonNull("kid") ? key.get("kid").asText() : "(no kid)");
            if (matches.test(key)) {
                found.add(index);
            }
        }
        String what = byThumbprint ? "thumbprint" : "kid";
        if (found.isEmpty()) {
            throw new CommandFailedException("pass " + pass.passId() + " has no key with " + what + " " + id + " (its "
                    + what + "s: " + String.join(", ", known) + "): nothing was changed");
        }
        if (found.size() > 1) {
            throw new CommandFailedException("pass " + pass.passId() + " has " + found.size() + " keys with kid " + id
                    + ": remove one with --thumbprint (see sentinel pass keys " + pass.passId() + ")");
        }
        if (keys.size() == 1) {
            throw new CommandFailedException("the key is the last of pass " + pass.passId() + ": a private_key_jwt pass "
                    + "needs keys; use pass keys replace to give others, or deactivate or revoke the pass");
        }
        keys.remove(found.get(0));
        return set(keys);
    }

    private static ArrayNode inline(SentinelPass pass, String change) {
        PassKeys keys = pass.pass().keys();
        if (!pass.pass().credentialType().usesKeys()) {
            throw new CommandFailedException("pass " + pass.passId() + " authenticates with a client secret (credential "
                    + "type " + pass.pass().credentialType().code() + "): it has no keys to " + change);
        }
        if (keys.jwksUri().isPresent()) {
            throw new CommandFailedException("pass " + pass.passId() + " takes its keys from " + keys.jwksUri().get()
                    + ": " + change + " them there, or give it an inline set with pass keys replace --jwks-file");
        }
        return read(keys.jwks().orElseThrow());
    }

    private static ArrayNode read(String jwkSet) {
        try {
            return ((ObjectNode) MAPPER.readTree(jwkSet)).withArray("keys").deepCopy();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a JWK set made or stored by Sentinel is JSON", impossible);
        }
    }

    private static String thumbprint(JsonNode key) {
        try {
            return PublicJwks.thumbprint(JWK.parse(key.toString()));
        } catch (ParseException malformed) {
            throw new CommandFailedException("not a JWK: " + malformed.getMessage());
        }
    }

    private static String set(ArrayNode keys) {
        ObjectNode set = MAPPER.createObjectNode();
        set.set("keys", keys);
        return set.toString();
    }
}

package dev.sentinel.cli.pass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --jwks-file FILE}: the public keys of a key pass, read on the operator's machine. The file holds a JWK set
 * ({@code {"keys": [...]}}), one public JWK, or one or more PEM public keys ({@code -----BEGIN PUBLIC KEY-----}, as
 * {@code openssl pkey -pubout} writes them). A private key in any of these forms is refused here, before anything is
 * opened or sent, naming the key and the member; the server checks the set again by its own rules.
 */
final class PublicKeyFile {

    /** The JWK members that only a private (or symmetric) key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final String FIELD = "jwks";
    private static final long MAX_BYTES = 256 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private PublicKeyFile() {
    }

    /** The JWK set the file holds, as JSON text {@code {"keys": [...]}}; every problem reported at once. */
    static String read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw ValidationException.of(FIELD, file + " is larger than 256 KiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            throw ValidationException.of(FIELD, "cannot read " + file + ": " + unreadable.getMessage());
        }
        ArrayNode keys = text.startsWith("-----BEGIN") ? fromPem(text) : fromJson(text);
        ObjectNode set = MAPPER.createObjectNode();
        set.set("keys", keys);
        return set.toString();
    }

    private static ArrayNode fromJson(String text) {
        JsonNode document;
        try {
            document = MAPPER.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw ValidationException.of(FIELD, "must be a JWK set, a JWK or a PEM public key: the file is not JSON ("
                    + malformed.getOriginalMessage() + ")");
        }
        if (document == null || !document.isObject()) {
            throw ValidationException.of(FIELD, "must be a JWK set ({\"keys\": [...]}) or one JWK (a JSON object)");
        }
        ArrayNode keys = MAPPER.createArrayNode();
        if (document.has("keys")) {
            if (!document.get("keys").isArray() || document.get("keys").isEmpty()) {
                throw ValidationException.of(FIELD, "keys must be a non-empty array of JWKs");
            }
            document.get("keys").forEach(keys::add);
        } else {
            keys.add(document);
        }
        Violations violations = new Violations();
        for (int index = 0; index < keys.size(); index++) {
            JsonNode key = keys.get(index);
            String name = "key " + (index + 1) + (key.hasNonNull("kid") ? " (kid " + key.get("kid").asText() + ")" : "");
            if (!key.isObject()) {
                violations.add(FIELD, name + " must be a JSON object");
                continue;
            }
            List<String> found = PRIVATE_MEMBERS.stream().filter(key::has).toList();
            if (!found.isEmpty()) {
                violations.add(FIELD, name + " holds private key material (" + String.join(", ", found)
                        + "): give the public key only; nothing was sent");
            }
        }
        violations.throwIfAny();
        return keys;
    }

    private static ArrayNode fromPem(String text) {
        ArrayNode keys = MAPPER.createArrayNode();
        Violations violations = new Violations();
        Matcher block = PEM.matcher(text);
        int index = 0;
        while (block.find()) {
            index++;
            String label = block.group(1);
            if (label.contains("PRIVATE")) {
                violations.add(FIELD, "PEM block " + index + " is a private key (" + label + "): give the public key "
                        + "only (openssl pkey -in key.pem -pubout); nothing was sent");
            } else if (!label.equals("PUBLIC KEY")) {
                violations.add(FIELD, "PEM block " + index + " must be a PUBLIC KEY (got " + label + ")");
            } else {
                try {
                    keys.add(MAPPER.valueToTree(PublicJwk.of(publicKey(block.group(2)), null)));
                } catch (IllegalArgumentException unsupported) {
                    violations.add(FIELD, "PEM block " + index + ": " + unsupported.getMessage());
                }
            }
        }
        if (index == 0) {
            violations.add(FIELD, "holds no complete PEM block");
        }
        violations.throwIfAny();
        return keys;
    }

    private static PublicKey publicKey(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("is not base64");
        }
        for (String algorithm : List.of("EC", "Ed25519", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException notThisOne) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("is not an EC P-256, Ed25519 or RSA public key");
    }

    /** The JWK set text of keys given as maps or JSON nodes. */
    static String set(Object... keys) {
        ObjectNode set = MAPPER.createObjectNode();
        ArrayNode array = set.putArray("keys");
        for (Object key : keys) {
            array.add(MAPPER.valueToTree(key));
        }
        return set.toString();
    }
}

package dev.sentinel.cli.pass;

import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.PassKeysInput;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code sentinel pass keys replace PASS_ID --jwks-file FILE | --jwks-uri URL | --generate-key}: new keys instead of
 * all the old ones (tokens issued so far end), and/or the token-endpoint audience opt-in. Audited.
 */
@Command(name = "replace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replace every key of a private_key_jwt pass (the old keys stop working and tokens issued",
            "so far end), or switch between inline keys and a jwks_uri. Audited as pass.keys.replace."})
final class PassKeysReplaceCommand extends KeyChangeCommand {

    @Mixin
    KeyMaterialOptions keys;

    @Option(names = "--jwks-uri", paramLabel = "URL",
            description = "The https address of the agent's JWK set, instead of inline keys.")
    String jwksUri;

    @Option(names = "--accept-token-endpoint-audience", paramLabel = "true|false", arity = "1",
            description = "Whether assertions may name the token endpoint URL as their aud (besides the issuer). "
                    + "Default: unchanged.")
    Boolean acceptTokenEndpointAudience;

    @Override
    void check() {
        keys.check(spec.commandLine(), jwksUri != null);
        if (!keys.given() && jwksUri == null && acceptTokenEndpointAudience == null) {
            throw new ParameterException(spec.commandLine(), "give the new keys (--jwks-file FILE, --jwks-uri URL or "
                    + "--generate-key) or --accept-token-endpoint-audience true|false");
        }
    }

    @Override
    Optional<GeneratedKey> generate() {
        return keys.generate();
    }

    @Override
    PassKeysInput change(SentinelPass current, Optional<GeneratedKey> generated) {
        return PassKeysInput.of(keys.jwks(generated).orElse(null), jwksUri, acceptTokenEndpointAudience);
    }

    @Override
    String done() {
        return keys.given() || jwksUri != null ? "Replaced the keys of " + passId + "." : "Changed " + passId + ".";
    }
}

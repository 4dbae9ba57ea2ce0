package dev.sentinel.cli.pass;

import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.PassKeysInput;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@code sentinel pass keys add PASS_ID --jwks-file FILE | --generate-key}: one more key, the others stay. Audited. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add public keys to a private_key_jwt pass; its other keys keep working (a rotation:",
            "add the new key, move the agent to it, then remove the old one). Audited as pass.keys.add."})
final class PassKeysAddCommand extends KeyChangeCommand {

    @Mixin
    KeyMaterialOptions keys;

    @Override
    void check() {
        keys.check(spec.commandLine(), false);
        if (!keys.given()) {
            throw new ParameterException(spec.commandLine(), "give the key to add: --jwks-file FILE or --generate-key");
        }
    }

    @Override
    Optional<GeneratedKey> generate() {
        return keys.generate();
    }

    @Override
    PassKeysInput change(SentinelPass current, Optional<GeneratedKey> generated) {
        return PassKeysInput.of(KeySetEdit.add(current, keys.jwks(generated).orElseThrow()), null, null);
    }

    @Override
    String done() {
        return "Added to the keys of " + passId + ".";
    }
}

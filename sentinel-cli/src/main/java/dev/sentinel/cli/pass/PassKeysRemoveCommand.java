package dev.sentinel.cli.pass;

import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.PassKeysInput;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sentinel pass keys remove PASS_ID --kid KID | --thumbprint T}: one key fewer; tokens issued so far end. */
@Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove one key of a private_key_jwt pass (not the last). Assertions signed with it are",
            "refused from now on, and tokens issued so far end. Audited as pass.keys.remove."})
final class PassKeysRemoveCommand extends KeyChangeCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** Exactly one of the two. */
    static final class Which {
        @Option(names = "--kid", paramLabel = "KID", required = true, description = "The key's kid.")
        String kid;

        @Option(names = "--thumbprint", paramLabel = "T", required = true,
                description = "The key's RFC 7638 SHA-256 thumbprint, as sentinel pass keys shows it.")
        String thumbprint;
    }

    @Override
    void check() {
        // picocli's group already requires exactly one of --kid and --thumbprint
    }

    @Override
    PassKeysInput change(SentinelPass current, Optional<GeneratedKey> generated) {
        boolean byThumbprint = which.thumbprint != null;
        return PassKeysInput.of(KeySetEdit.remove(current, byThumbprint ? which.thumbprint : which.kid, byThumbprint),
                null, null);
    }

    @Override
    String done() {
        return "Removed the key from " + passId + ".";
    }
}

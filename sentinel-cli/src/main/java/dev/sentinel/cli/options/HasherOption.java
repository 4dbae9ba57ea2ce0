package dev.sentinel.cli.options;

import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.port.out.CredentialHasher;
import picocli.CommandLine.Option;

/** The algorithm new secrets are hashed with; both algorithms always verify, so switching never locks anyone out. */
public final class HasherOption {

    @Option(names = "--hasher", paramLabel = "ALGORITHM", completionCandidates = Candidates.Hashers.class, defaultValue = "${env:SENTINEL_HASHER:-sha256}",
            description = "Hash for new secrets: sha256 or argon2id. Env: SENTINEL_HASHER. Default: ${DEFAULT-VALUE}")
    String hasher;

    /** The configured hasher; an unknown name is a validation error naming {@code hasher}. */
    public CredentialHasher hasher() {
        return CredentialHashers.named(hasher);
    }
}
